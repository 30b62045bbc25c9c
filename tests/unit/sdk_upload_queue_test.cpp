// The store's record of files sent with writes: kept in order per write across reopening,
// completed one by one, forgotten with their write.
#include <gtest/gtest.h>

#include "sdk_temp_dir.hpp"
#include "store/store.hpp"

namespace {

using parley::store::StagedUpload;
using parley::store::Store;
using parley::test::SdkTempDir;

StagedUpload upload(const std::string& id, const std::string& write_id, std::int64_t position) {
  StagedUpload u;
  u.upload_id = id;
  u.write_id = write_id;
  u.position = position;
  u.file_path = "/files/outgoing/" + id;
  u.name = id + ".png";
  u.content_type = "image/png";
  u.size = 1000 + position;
  return u;
}

std::vector<std::string> ids(const std::vector<StagedUpload>& uploads) {
  std::vector<std::string> out;
  for (const auto& u : uploads) out.push_back(u.upload_id);
  return out;
}

TEST(SdkUploadQueue, KeepsEachWritesFilesInOrderAcrossReopening) {
  SdkTempDir dir;
  const auto path = dir.file("store.db");
  {
    Store store(path);
    store.uploads().add(upload("u2", "w1", 1));
    store.uploads().add(upload("u1", "w1", 0));
    store.uploads().add(upload("u3", "w2", 0));
    store.uploads().set_attachment_id("u1", "at-7");
  }
  Store store(path);
  EXPECT_EQ(ids(store.uploads().of_write("w1")), (std::vector<std::string>{"u1", "u2"}));
  const auto first = store.uploads().find("u1");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->attachment_id, "at-7");  // the next run resumes it, not a new one
  EXPECT_EQ(first->name, "u1.png");
  EXPECT_EQ(first->size, 1000);
  EXPECT_FALSE(first->complete);
  EXPECT_FALSE(store.uploads().find("nope"));
}

TEST(SdkUploadQueue, CompleteFilesLeaveTheWaitingOnesAndAWritesFilesGoTogether) {
  Store store("");
  store.uploads().add(upload("u1", "w1", 0));
  store.uploads().add(upload("u2", "w1", 1));
  store.uploads().add(upload("u3", "w2", 0));
  store.uploads().mark_complete("u1", "at-1");
  EXPECT_EQ(ids(store.uploads().incomplete()), (std::vector<std::string>{"u2", "u3"}));
  EXPECT_TRUE(store.uploads().find("u1")->complete);
  EXPECT_EQ(store.uploads().find("u1")->attachment_id, "at-1");
  EXPECT_EQ(store.uploads().file_paths().size(), 3u);

  store.uploads().remove_write("w1");
  EXPECT_TRUE(store.uploads().of_write("w1").empty());
  EXPECT_EQ(ids(store.uploads().incomplete()), (std::vector<std::string>{"u3"}));
}

}  // namespace
