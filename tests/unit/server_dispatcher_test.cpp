// The dispatcher's group commit (docs/server.md, "Group commit"): the requests of one batch
// share a transaction without a savepoint each; one that fails after it changed the database
// makes the batch run again, each request isolated. Peers here are fakes that keep what is
// sent to them, so that a test decides exactly which requests make up a batch.
#include <gtest/gtest.h>

#include <ctime>
#include <string>
#include <vector>

#include "attachments/attachment_files.hpp"
#include "auth/token.hpp"
#include "faq/catalogue.hpp"
#include "fanout/hub.hpp"
#include "handlers/dispatcher.hpp"
#include "sdk_temp_dir.hpp"
#include "storage/database.hpp"
#include "storage/object_id.hpp"

namespace parley::server {
namespace {

using protocol::Json;

constexpr const char* kSecret = "dispatcher-test-secret";

class RecordingPeer : public Peer {
 public:
  void send(std::string frame) override { frames.push_back(Json::parse(frame)); }
  void send_event(std::string frame) override { frames.push_back(Json::parse(frame)); }
  void start_replay(ReplayPager) override {}

  // The reply to request `id` (a "res" or an "err").
  Json reply(const std::string& id) const {
    for (const auto& f : frames) {
      if (f.value("id", "") == id && (f["type"] == "res" || f["type"] == "err")) return f;
    }
    return nullptr;
  }
  std::vector<Json> frames;
};

std::string request(const std::string& id, const std::string& op, Json args) {
  return Json{{"type", "req"}, {"id", id}, {"op", op}, {"args", std::move(args)}}.dump();
}

std::string hello(const std::string& id, const std::string& user) {
  TokenClaims claims{user, user, PrincipalKind::user, static_cast<std::int64_t>(std::time(nullptr)) + 3600};
  return request(id, "hello", {{"token", mint_token(claims, kSecret)}});
}

// A chat.send that starts a conversation (a write) and then fails: the attachment it names
// does not exist.
std::string send_naming_a_missing_file(const std::string& id) {
  return request(id, "chat.send",
                 {{"client_id", "c-" + id}, {"text", "see file"},
                  {"attachments", Json::array({format_id(kAttachmentId, 999)})}});
}

class DispatcherTest : public ::testing::Test {
 protected:
  test::SdkTempDir dir;
  sqlite::Database db = open_database(dir.file("parley.db"));
  Catalogue catalogue;
  AttachmentFiles files{dir.file("files")};
  Services services{db, catalogue, nullptr, ProtocolSettings{{}, 30000, kSecret, {}, 1024}, files};
  Hub hub;
  Dispatcher dispatcher{services, hub};

  void batch(std::initializer_list<std::pair<RecordingPeer*, std::string>> frames) {
    for (const auto& [peer, frame] : frames) dispatcher.on_text(*peer, frame);
    dispatcher.flush();
  }
  std::int64_t count(const std::string& sql) {
    auto st = db.prepare(sql);
    return st.step() ? st.column_int(0) : -1;
  }
};

TEST_F(DispatcherTest, ARequestThatFailsAfterItsWritesIsUndoneAloneAndTheBatchGoesOn) {
  RecordingPeer ann, bo;
  batch({{&ann, hello("h", "ann")}, {&bo, hello("h", "bo")}});
  ASSERT_EQ(ann.reply("h")["type"], "res");
  ASSERT_EQ(bo.reply("h")["type"], "res");

  batch({{&bo, request("1", "chat.send", {{"client_id", "b-1"}, {"text", "first from bo"}})},
         {&ann, send_naming_a_missing_file("2")},
         {&bo, request("3", "chat.send", {{"client_id", "b-3"}, {"text", "second from bo"}})}});

  EXPECT_EQ(bo.reply("1")["type"], "res");
  EXPECT_EQ(ann.reply("2")["type"], "err");
  EXPECT_EQ(ann.reply("2")["error"]["code"], "not_found");
  EXPECT_EQ(bo.reply("3")["type"], "res");
  // The conversation the failed send started is gone with it; Bo's are both kept.
  EXPECT_EQ(count("SELECT count(*) FROM conversations WHERE user_id = 'ann'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM conversations WHERE user_id = 'bo'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM messages"), 2);
  // Bo's log holds the events he was sent, numbered 1, 2, … with no gap.
  int bo_events = 0;
  for (const auto& f : bo.frames) {
    if (f["type"] == "event") {
      EXPECT_EQ(f["seq"], ++bo_events);
    }
  }
  EXPECT_EQ(bo_events, 2);
  EXPECT_EQ(count("SELECT max(seq) FROM events WHERE principal_id = 'bo'"), 2);
}

TEST_F(DispatcherTest, ABatchRunAgainKeepsTheSessionsAsTheyWereBeforeIt) {
  RecordingPeer ann, bo;
  batch({{&bo, hello("h", "bo")}});
  batch({{&bo, request("c", "chat.send", {{"client_id", "b-c"}, {"text", "hi"}})}});
  const std::string conversation = bo.reply("c")["result"]["message"]["conversation_id"];

  // Ann's hello and Bo's typing (five a second are allowed) share a batch with a send that
  // fails after a write. Run again, they must find the sessions as before the first run:
  // Ann not yet said hello, Bo's typing window empty.
  std::vector<std::pair<RecordingPeer*, std::string>> frames{{&ann, hello("h", "ann")}};
  for (int i = 0; i < 5; ++i) {
    frames.emplace_back(&bo, request("t" + std::to_string(i), "chat.typing",
                                     {{"conversation_id", conversation}, {"typing", true}}));
  }
  frames.emplace_back(&ann, send_naming_a_missing_file("1"));
  for (const auto& [peer, frame] : frames) dispatcher.on_text(*peer, frame);
  dispatcher.flush();

  EXPECT_EQ(ann.reply("h")["type"], "res") << ann.reply("h");
  EXPECT_EQ(ann.reply("1")["error"]["code"], "not_found");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(bo.reply("t" + std::to_string(i))["type"], "res") << i;
  EXPECT_EQ(count("SELECT count(*) FROM conversations WHERE user_id = 'ann'"), 0);
  EXPECT_EQ(bo.state().recent_typing.size(), 5u);  // each of the five counted once
}

}  // namespace
}  // namespace parley::server
