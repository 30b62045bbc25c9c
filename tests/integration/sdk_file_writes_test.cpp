// Messages, agent replies, comments and tickets sent with files from the device, through the SDK and the real
// server: written offline, the write waits while its files upload and goes out with them once
// the server is back; closed mid-upload (with the server down), the app resumes in its next
// run from what the server kept, and the message goes out once; a file the server refuses
// fails its message, which can be retried or cancelled, leaving no copy behind.
#include <gtest/gtest.h>

#include <filesystem>

#include "fault_proxy.hpp"
#include "sdk_test_client.hpp"
#include "sqlite/sqlite.hpp"
#include "test_files.hpp"

namespace parley::test {
namespace {

std::int64_t server_attachment_count(const ServerProcess& server) {
  sqlite::Database db(server.db_path());
  auto st = db.prepare("SELECT count(*) FROM attachments");
  st.step();
  return st.column_int(0);
}

// The message as the agent loads the conversation's history from the server.
std::optional<Message> agent_copy(SdkTestClient& agent, const std::string& conversation_id,
                                  std::uint64_t tag) {
  if (!agent.wait_state(ConnectionState::connected)) return std::nullopt;
  agent->load_history(conversation_id, {}, 50, tag);
  const auto history = agent.wait_for(reply_to(EventType::history_loaded, tag));
  if (!history || !history->error.ok() || history->messages.size() != 1) return std::nullopt;
  return history->messages[0];
}

TEST(SdkFileWrites, APhotoSentOfflineGoesOutWithItsMessageOnceTheServerIsBack) {
  ServerProcess server;
  SdkTempDir dir;
  const std::string bytes = png_bytes(600'000);  // three pieces
  const std::string path = write_file(dir, "receipt.png", bytes);
  server.stop();
  SdkTestClient ann(sdk_config(server, server.mint_token("u-ann", "Ann"), dir.file("ann.db")));

  // A photo alone: no words needed.
  const std::string id = ann->send_message_with_files("", {}, {LocalFile{path, "", ""}}, 1);
  std::filesystem::remove(path);  // the SDK keeps its own copy
  EXPECT_EQ(ann->outbox_size(), 1u);
  const auto pending = ann->cached_messages("");
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].client_id, id);
  EXPECT_EQ(pending[0].state, DeliveryState::pending);
  ASSERT_EQ(pending[0].attachments.size(), 1u);
  EXPECT_EQ(pending[0].attachments[0].name, "receipt.png");
  EXPECT_EQ(pending[0].attachments[0].size, 600'000);
  EXPECT_FALSE(pending[0].attachments[0].complete);

  server.start();
  const auto sent = ann.wait_for(reply_to(EventType::message_sent, 1));
  ASSERT_TRUE(sent);
  ASSERT_TRUE(sent->error.ok()) << sent->error.message;
  EXPECT_EQ(sent->client_id, id);
  const Message& message = sent->messages.at(0);
  EXPECT_EQ(message.text, "");
  ASSERT_EQ(message.attachments.size(), 1u);
  const Attachment& file = message.attachments[0];
  EXPECT_TRUE(file.complete);
  EXPECT_EQ(file.name, "receipt.png");
  EXPECT_EQ(file.content_type, "image/png");
  EXPECT_EQ(ann->outbox_size(), 0u);

  // Progress and the upload's end, tied to the message.
  const auto progress = ann.events(reply_to(EventType::attachment_progress, 1));
  ASSERT_FALSE(progress.empty());
  for (const auto& e : progress) EXPECT_EQ(e.client_id, id);
  const auto uploaded = ann.events(reply_to(EventType::attachment_uploaded, 1));
  ASSERT_EQ(uploaded.size(), 1u);
  EXPECT_EQ(uploaded[0].client_id, id);
  EXPECT_EQ(uploaded[0].attachment.id, file.id);
  EXPECT_EQ(uploaded[0].upload_id, pending[0].attachments[0].id);

  // The server holds the message once, with the whole file.
  SdkTestClient agent(sdk_config(server, server.mint_token("a-sam", "Sam", "agent")));
  const auto copy = agent_copy(agent, message.conversation_id, 2);
  ASSERT_TRUE(copy);
  ASSERT_EQ(copy->attachments.size(), 1u);
  EXPECT_EQ(copy->attachments[0].id, file.id);
  agent->download_attachment(file.id, 3);
  const auto downloaded = agent.wait_for(reply_to(EventType::attachment_downloaded, 3));
  ASSERT_TRUE(downloaded && downloaded->error.ok());
  EXPECT_EQ(read_file(downloaded->path), bytes);

  // The agent answers with a file of its own, no words needed either.
  const std::string label = write_file(dir, "label.png", png_bytes(2'000));
  agent->agent_reply_with_files(message.conversation_id, "", {LocalFile{label, "", ""}}, 8);
  const auto reply = ann.wait_for([](const Event& e) {
    return e.type == EventType::message_received && e.messages.at(0).author.kind == "agent";
  });
  ASSERT_TRUE(reply);
  ASSERT_EQ(reply->messages[0].attachments.size(), 1u);
  EXPECT_EQ(reply->messages[0].attachments[0].name, "label.png");
  EXPECT_TRUE(reply->messages[0].attachments[0].complete);

  // The sender's copy is the file: offline, it is there.
  server.stop();
  ann->download_attachment(file.id, 4);
  const auto own = ann.wait_for(reply_to(EventType::attachment_downloaded, 4));
  ASSERT_TRUE(own);
  ASSERT_TRUE(own->error.ok()) << own->error.message;
  EXPECT_EQ(read_file(own->path), bytes);
  EXPECT_TRUE(std::filesystem::is_empty(dir.file("ann.db.files/outgoing")));
}

TEST(SdkFileWrites, AnAppClosedMidUploadResumesInItsNextRunAndTheMessageGoesOutOnce) {
  ServerProcess server;
  SdkTempDir dir;
  const std::string bytes = png_bytes(4 * 1024 * 1024);  // sixteen pieces
  const std::string path = write_file(dir, "screen.png", bytes);
  // A slow link, so that the server is surely killed before the upload ends.
  FaultProxy link(server.port(), /*seed=*/1);
  FaultProfile slow;
  slow.delay_probability = 0.5;
  slow.max_delay = std::chrono::milliseconds(10);
  slow.max_piece = 8 * 1024;
  link.set_profile(slow);
  Config config = sdk_config(server, server.mint_token("u-ann", "Ann"), dir.file("ann.db"));
  config.server_url = link.url();

  std::string id;
  std::string attachment_id;
  std::int64_t received_before = 0;
  {
    SdkTestClient ann(config);
    id = ann->send_message_with_files("It freezes here", {}, {LocalFile{path, "", ""}}, 5);
    const auto midway = ann.wait_for([](const Event& e) {
      return e.type == EventType::attachment_progress && e.attachment.received >= 512 * 1024;
    });
    ASSERT_TRUE(midway);
    server.kill();  // the upload cannot finish in this run
    attachment_id = midway->attachment.id;
    received_before = midway->attachment.received;
    EXPECT_TRUE(ann.events(reply_to(EventType::message_sent, 5)).empty());
  }  // the app is closed, its upload half done
  ASSERT_FALSE(attachment_id.empty());
  link.set_profile(FaultProfile::clean());
  server.start();

  SdkTestClient ann(config);
  const auto sent = ann.wait_for(reply_to(EventType::message_sent, 5));
  ASSERT_TRUE(sent);
  ASSERT_TRUE(sent->error.ok()) << sent->error.message;
  EXPECT_EQ(sent->client_id, id);
  ASSERT_EQ(sent->messages.at(0).attachments.size(), 1u);
  EXPECT_EQ(sent->messages.at(0).attachments[0].id, attachment_id);  // the same upload, resumed
  const auto progress = ann.events(reply_to(EventType::attachment_progress, 5));
  ASSERT_FALSE(progress.empty());
  // Not from the start: the pieces acknowledged in the first run (progress counts bytes sent).
  EXPECT_GT(progress.front().attachment.received, 0);
  EXPECT_LE(progress.front().attachment.received, received_before);
  EXPECT_EQ(server_attachment_count(server), 1);

  SdkTestClient agent(sdk_config(server, server.mint_token("a-sam", "Sam", "agent")));
  const auto copy = agent_copy(agent, sent->messages.at(0).conversation_id, 6);
  ASSERT_TRUE(copy);
  EXPECT_EQ(copy->text, "It freezes here");
  agent->download_attachment(attachment_id, 7);
  const auto downloaded = agent.wait_for(reply_to(EventType::attachment_downloaded, 7));
  ASSERT_TRUE(downloaded && downloaded->error.ok());
  EXPECT_EQ(read_file(downloaded->path), bytes);
}

TEST(SdkFileWrites, AFileTheServerRefusesFailsItsMessageWhichCanBeRetriedOrCancelled) {
  ServerOptions options;
  options.extra_args = {"--max-attachment-bytes", "100000"};
  ServerProcess server(options);
  SdkTempDir dir;
  const std::string big = write_file(dir, "big.png", png_bytes(200'000));
  server.stop();  // the device has not heard of the server's limit yet
  SdkTestClient ann(sdk_config(server, server.mint_token("u-ann", "Ann"), dir.file("ann.db")));
  const std::string id = ann->send_message_with_files("Too big", {}, {LocalFile{big, "", ""}}, 1);
  server.start();

  const auto failed = ann.wait_for(reply_to(EventType::message_sent, 1));
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->error.code, ErrorCode::too_large);
  EXPECT_EQ(failed->client_id, id);
  const auto refused = ann.events(reply_to(EventType::attachment_uploaded, 1));
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].error.code, ErrorCode::too_large);
  EXPECT_EQ(ann->cached_messages("").at(0).state, DeliveryState::failed);

  // Retried: refused again, by the same rule.
  EXPECT_EQ(ann->retry_message(id), ErrorCode::ok);
  ASSERT_TRUE(ann.wait_count(reply_to(EventType::message_sent, 1), 2));
  EXPECT_EQ(ann.events(reply_to(EventType::message_sent, 1)).back().error.code, ErrorCode::too_large);

  EXPECT_EQ(ann->cancel_message(id), ErrorCode::ok);
  EXPECT_EQ(ann->outbox_size(), 0u);
  EXPECT_TRUE(ann->cached_messages("").empty());
  EXPECT_TRUE(std::filesystem::is_empty(dir.file("ann.db.files/outgoing")));
  // Once the device knows the limit, it refuses such a file itself. It learns it from its
  // session's welcome, which may come after the refusals (the upload's retry can reach the
  // restarted server before the WebSocket's does), and before `connected` is told.
  ASSERT_TRUE(ann.wait_for([](const Event& e) {
    return e.type == EventType::connection_changed && e.connection == ConnectionState::connected;
  }));
  EXPECT_THROW(ann->send_message_with_files("Again", {}, {LocalFile{big, "", ""}}), Exception);
  EXPECT_EQ(server_attachment_count(server), 0);
}

TEST(SdkFileWrites, ATicketAndItsCommentsCarryFilesFromTheDevice) {
  ServerProcess server;
  SdkTempDir dir;
  const std::string shot = write_file(dir, "screen.png", png_bytes(20'000));
  const std::string log = write_file(dir, "app", "12:00 crash in checkout\n");
  SdkTestClient ann(sdk_config(server, server.mint_token("u-ann", "Ann"), dir.file("ann.db")));
  ASSERT_TRUE(ann.wait_state(ConnectionState::connected));

  TicketDraft draft;
  draft.subject = "The app crashes at checkout";
  draft.files = {LocalFile{shot, "", ""}};
  ann->create_ticket(draft, 1);
  const auto created = ann.wait_for(reply_to(EventType::ticket_created, 1));
  ASSERT_TRUE(created);
  ASSERT_TRUE(created->error.ok()) << created->error.message;
  ASSERT_EQ(created->tickets.at(0).attachments.size(), 1u);
  EXPECT_EQ(created->tickets.at(0).attachments[0].name, "screen.png");

  // A file with no extension, its type given.
  ann->add_comment_with_files(created->tickets.at(0).id, "And the log",
                              {LocalFile{log, "text/plain", "crash.log"}}, 2);
  const auto comment = ann.wait_for(reply_to(EventType::comment_added, 2));
  ASSERT_TRUE(comment);
  ASSERT_TRUE(comment->error.ok()) << comment->error.message;
  ASSERT_EQ(comment->comments.at(0).attachments.size(), 1u);
  EXPECT_EQ(comment->comments.at(0).attachments[0].name, "crash.log");
  EXPECT_EQ(comment->comments.at(0).attachments[0].content_type, "text/plain");

  // Checked on the app's thread, before anything is queued.
  EXPECT_THROW(ann->send_message_with_files("x", {}, {LocalFile{dir.file("missing.png"), "", ""}}),
               Exception);
  EXPECT_THROW(ann->send_message_with_files("x", {}, {LocalFile{log, "", ""}}), Exception);  // no type
  EXPECT_THROW(ann->send_message_with_files("x", {}, std::vector<LocalFile>(11, LocalFile{shot, "", ""})),
               Exception);
  EXPECT_THROW(ann->send_message_with_files("", {}, {}), Exception);  // nothing to send
  draft.attachment_ids = {"at-1"};
  EXPECT_THROW(ann->create_ticket(draft), Exception);  // ids and files: one or the other
  EXPECT_EQ(ann->outbox_size(), 0u);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.file("ann.db.files/outgoing")),
                          std::filesystem::directory_iterator()),
            0);
}

}  // namespace
}  // namespace parley::test
