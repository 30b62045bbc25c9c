// Attachments through the SDK and the real server: an upload cut mid-way (the server killed
// between two pieces) resumes where the server's disk says it stopped; a file goes out on a
// message and a ticket comment, the other side downloads it into its cache, another user
// cannot; uploads are checked before they start and can be cancelled.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <mutex>

#include "client/file_transfers.hpp"
#include "raw_http.hpp"
#include "sdk_test_client.hpp"
#include "test_files.hpp"

namespace parley::test {
namespace {

TEST(SdkAttachments, AnUploadCutMidWayResumesFromWhatTheServerKept) {
  ServerProcess server;
  SdkTempDir dir;
  const std::string bytes = png_bytes(50'000);
  const std::string path = write_file(dir, "photo.png", bytes);

  std::mutex mutex;
  std::vector<Event> reports;
  std::atomic<bool> killing{false};
  std::atomic<bool> killed{false};
  client::TransferSettings settings;
  settings.base_url = "http://127.0.0.1:" + std::to_string(server.port()) + "/v1/attachments";
  settings.piece_bytes = 4000;
  settings.timeout = std::chrono::milliseconds(2000);
  settings.backoff_base = std::chrono::milliseconds(20);
  settings.backoff_cap = std::chrono::milliseconds(200);
  settings.max_attempts = 200;
  client::FileTransfers transfers(settings, [&](Event event) {
    // On the transfers' thread, between two pieces: the server dies right here.
    if (event.type == EventType::attachment_progress && event.attachment.received >= 12'000 &&
        event.attachment.received % 4000 == 0 && !killing.exchange(true)) {
      server.kill();
      killed = true;
    }
    std::lock_guard lock(mutex);
    reports.push_back(std::move(event));
  });
  transfers.upload(client::UploadJob{"up-1", path, "photo.png", "image/png",
                                     server.mint_token("u-1", "Ann"), 7, "", ""});
  ASSERT_TRUE(wait_until([&] { return killed.load(); }));
  server.start();
  ASSERT_TRUE(wait_until([&] {
    std::lock_guard lock(mutex);
    return !reports.empty() && reports.back().type == EventType::attachment_uploaded;
  }));

  std::lock_guard lock(mutex);
  const Event& done = reports.back();
  ASSERT_TRUE(done.error.ok()) << done.error.message;
  EXPECT_EQ(done.tag, 7u);
  EXPECT_EQ(done.upload_id, "up-1");
  EXPECT_TRUE(done.attachment.complete);
  EXPECT_EQ(done.attachment.size, 50'000);
  // Progress only ever went forward, and the server holds exactly the file.
  std::int64_t last = 0;
  for (const auto& e : reports) {
    if (e.type != EventType::attachment_progress) continue;
    EXPECT_GE(e.attachment.received, last);
    last = e.attachment.received;
  }
  const auto file = raw_http(server.port(), "GET", "/v1/attachments/" + done.attachment.id,
                             {"Authorization: Bearer " + server.mint_token("u-1", "Ann")});
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, bytes);
}

TEST(SdkAttachments, FilesOnMessagesAndCommentsReachTheOtherSideAndNoOneElse) {
  ServerProcess server;
  SdkTempDir dir;
  const std::string bytes = png_bytes(300'000);  // two pieces
  const std::string path = write_file(dir, "damage.png", bytes);
  SdkTestClient ann(sdk_config(server, server.mint_token("u-ann", "Ann"), dir.file("ann.db")));
  SdkTestClient agent(sdk_config(server, server.mint_token("a-sam", "Sam", "agent"), dir.file("agent.db")));
  SdkTestClient bo(sdk_config(server, server.mint_token("u-bo", "Bo"), dir.file("bo.db")));
  ASSERT_TRUE(ann.wait_state(ConnectionState::connected));

  const std::string upload = ann->upload_attachment(path, {}, {}, 1);
  const auto uploaded = ann.wait_for(reply_to(EventType::attachment_uploaded, 1));
  ASSERT_TRUE(uploaded);
  ASSERT_TRUE(uploaded->error.ok()) << uploaded->error.message;
  EXPECT_EQ(uploaded->upload_id, upload);
  EXPECT_EQ(uploaded->attachment.name, "damage.png");
  EXPECT_EQ(uploaded->attachment.content_type, "image/png");  // from the name
  EXPECT_FALSE(ann.events(reply_to(EventType::attachment_progress, 1)).empty());
  const std::string id = uploaded->attachment.id;

  ann->send_message("This is how it arrived", {}, {id}, 2);
  const auto sent = ann.wait_for(reply_to(EventType::message_sent, 2));
  ASSERT_TRUE(sent && sent->error.ok());
  ASSERT_EQ(sent->messages.at(0).attachments.size(), 1u);
  EXPECT_EQ(sent->messages.at(0).attachments[0].id, id);
  const auto received = agent.wait_for(received_text("This is how it arrived"));
  ASSERT_TRUE(received);
  ASSERT_EQ(received->messages.at(0).attachments.size(), 1u);
  EXPECT_EQ(received->messages.at(0).attachments[0].size, 300'000);
  // Kept on the device with the message.
  const auto cached = ann->cached_messages(sent->messages.at(0).conversation_id);
  ASSERT_FALSE(cached.empty());
  EXPECT_EQ(cached.back().attachments.at(0).name, "damage.png");

  agent->download_attachment(id, 3);
  const auto downloaded = agent.wait_for(reply_to(EventType::attachment_downloaded, 3));
  ASSERT_TRUE(downloaded);
  ASSERT_TRUE(downloaded->error.ok()) << downloaded->error.message;
  EXPECT_EQ(read_file(downloaded->path), bytes);
  server.stop();  // the second time comes from the device's cache, offline
  agent->download_attachment(id, 4);
  const auto again = agent.wait_for(reply_to(EventType::attachment_downloaded, 4));
  ASSERT_TRUE(again && again->error.ok());
  EXPECT_EQ(again->path, downloaded->path);
  server.start();
  ASSERT_TRUE(bo.wait_for(of_type(EventType::connection_changed)));

  bo->download_attachment(id, 5);
  const auto refused = bo.wait_for(reply_to(EventType::attachment_downloaded, 5));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->error.code, ErrorCode::not_found);
  EXPECT_TRUE(refused->path.empty());
}

// A client whose store is in memory keeps its downloads only while it lives: the next one
// (in this process or another that got the same pid) downloads afresh, from its own server.
TEST(SdkAttachments, AnInMemoryClientsDownloadsGoWithIt) {
  ServerProcess server;
  SdkTempDir dir;
  const std::string bytes = png_bytes(3000);
  const std::string path = write_file(dir, "damage.png", bytes);
  SdkTestClient ann(sdk_config(server, server.mint_token("u-ann", "Ann"), dir.file("ann.db")));
  ann->upload_attachment(path, {}, {}, 1);
  const auto uploaded = ann.wait_for(reply_to(EventType::attachment_uploaded, 1));
  ASSERT_TRUE(uploaded && uploaded->error.ok());
  const std::string id = uploaded->attachment.id;
  ann->send_message("This is how it arrived", {}, {id}, 2);
  ASSERT_TRUE(ann.wait_for(reply_to(EventType::message_sent, 2)));

  std::string downloaded_path;
  {
    SdkTestClient agent(sdk_config(server, server.mint_token("a-sam", "Sam", "agent")));
    ASSERT_TRUE(agent.wait_state(ConnectionState::connected));
    agent->download_attachment(id, 3);
    const auto downloaded = agent.wait_for(reply_to(EventType::attachment_downloaded, 3));
    ASSERT_TRUE(downloaded && downloaded->error.ok());
    EXPECT_EQ(read_file(downloaded->path), bytes);
    downloaded_path = downloaded->path;
  }
  EXPECT_FALSE(std::filesystem::exists(downloaded_path));
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(downloaded_path).parent_path()));
}

// A store that meets another server (a database replaced: its ids start over) forgets the
// files it kept by attachment id, which name other files there; so does one that another user
// signs in with, who may not read them.
TEST(SdkAttachments, AStoreWhoseViewIsResetForgetsTheFilesItKeptByTheirIds) {
  SdkTempDir dir;
  const std::string agent_store = dir.file("agent.db");
  // Ann posts a file of `bytes` on `server`; its id.
  const auto post_file = [&](ServerProcess& server, const std::string& bytes, const char* name) {
    SdkTestClient ann(sdk_config(server, server.mint_token("u-ann", "Ann")));
    ann->upload_attachment(write_file(dir, name, bytes), {}, {}, 1);
    const auto uploaded = ann.wait_for(reply_to(EventType::attachment_uploaded, 1));
    EXPECT_TRUE(uploaded && uploaded->error.ok());
    if (!uploaded) return std::string();
    ann->send_message("a file", {}, {uploaded->attachment.id}, 2);
    EXPECT_TRUE(ann.wait_for(reply_to(EventType::message_sent, 2)));
    return uploaded->attachment.id;
  };
  const auto download = [](SdkTestClient& client, const std::string& id, std::uint64_t tag) {
    client->download_attachment(id, tag);
    return client.wait_for(reply_to(EventType::attachment_downloaded, tag));
  };

  const std::string first = png_bytes(3000);
  std::string id;
  {
    ServerProcess server;
    id = post_file(server, first, "first.png");
    SdkTestClient agent(sdk_config(server, server.mint_token("a-sam", "Sam", "agent"), agent_store));
    ASSERT_TRUE(agent.wait_state(ConnectionState::connected));
    const auto kept = download(agent, id, 3);
    ASSERT_TRUE(kept && kept->error.ok());
    ASSERT_TRUE(read_file(kept->path) == first);
  }
  ServerProcess other;  // a new database behind the address: the same id, another file
  const std::string second = png_bytes(5000);
  ASSERT_EQ(post_file(other, second, "second.png"), id);
  {
    SdkTestClient agent(sdk_config(other, other.mint_token("a-sam", "Sam", "agent"), agent_store));
    ASSERT_TRUE(agent.wait_for(of_type(EventType::resynced)));
    const auto fetched = download(agent, id, 4);
    ASSERT_TRUE(fetched && fetched->error.ok()) << (fetched ? fetched->error.message : "");
    EXPECT_TRUE(read_file(fetched->path) == second) << "the file kept from the other server";
  }
  // Bo signs in with the store that keeps Ann's file: the server decides whether he may read it.
  SdkTestClient bo(sdk_config(other, other.mint_token("u-bo", "Bo"), agent_store));
  ASSERT_TRUE(bo.wait_for(of_type(EventType::resynced)));
  const auto refused = download(bo, id, 5);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->error.code, ErrorCode::not_found);
  EXPECT_TRUE(refused->path.empty());
}

TEST(SdkAttachments, UploadsAreCheckedFirstAndCanBeCancelled) {
  ServerProcess server;
  SdkTempDir dir;
  SdkTestClient ann(sdk_config(server, server.mint_token("u-ann", "Ann")));
  EXPECT_THROW(ann->upload_attachment(dir.file("missing.png")), Exception);
  EXPECT_THROW(ann->upload_attachment(write_file(dir, "tool.exe", "MZ")), Exception);  // no type
  EXPECT_THROW(ann->upload_attachment(write_file(dir, "big.png", png_bytes(10 * 1024 * 1024 + 1))),
               Exception);
  EXPECT_THROW(ann->upload_attachment(write_file(dir, "empty.txt", "")), Exception);
  EXPECT_THROW(ann->send_message("x", {}, std::vector<std::string>(11, "at-1")), Exception);
  EXPECT_EQ(ann->cancel_upload("no-such-upload"), ErrorCode::not_found);

  // A file that says it is a PNG and is not: refused by the server once it has it all.
  ann->upload_attachment(write_file(dir, "fake.png", "not a png at all"), {}, {}, 9);
  const auto fake = ann.wait_for(reply_to(EventType::attachment_uploaded, 9));
  ASSERT_TRUE(fake);
  EXPECT_EQ(fake->error.code, ErrorCode::bad_request);

  // Several queued: cancelling the last one before it starts.
  const std::string big = write_file(dir, "big2.png", png_bytes(4 * 1024 * 1024));
  ann->upload_attachment(big, {}, {}, 10);
  const std::string second = ann->upload_attachment(big, {}, {}, 11);
  EXPECT_EQ(ann->cancel_upload(second), ErrorCode::ok);
  const auto cancelled = ann.wait_for(reply_to(EventType::attachment_uploaded, 11));
  ASSERT_TRUE(cancelled);
  EXPECT_EQ(cancelled->error.code, ErrorCode::closed);
  const auto first = ann.wait_for(reply_to(EventType::attachment_uploaded, 10));
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->error.ok()) << first->error.message;
}

}  // namespace
}  // namespace parley::test
