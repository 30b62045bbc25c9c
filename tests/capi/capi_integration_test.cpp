// The C ABI against the real parley-server on loopback: users and agents are all parley_client
// handles driven through parley.h, several in one process.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <string>

#include "../support/log_sync_probe.hpp"
#include "../unit/sdk_temp_dir.hpp"
#include "c_client.hpp"
#include "server_process.hpp"
#include "wait.hpp"

namespace parley::capi_test {
namespace {

using nlohmann::json;

// The value at a JSON Pointer, or null if there is none.
json field(const json& document, const std::string& pointer) {
  const json::json_pointer p(pointer);
  return document.contains(p) ? document.at(p) : json();
}

bool is_message_from(const PolledEvent& e, const std::string& kind, const std::string& text) {
  return e.type == PARLEY_EVENT_MESSAGE_RECEIVED && field(e.json, "/message/author/kind") == kind &&
         field(e.json, "/message/text") == text;
}

std::size_t count_received(const CClient& client, const std::string& message_id) {
  std::size_t n = 0;
  for (const auto& e : client.history()) {
    if (e.type == PARLEY_EVENT_MESSAGE_RECEIVED && field(e.json, "/message/id") == message_id) ++n;
  }
  return n;
}

// A request that reaches the server and back: every event the server sent before its reply
// has been polled by then.
void round_trip(CClient& client, std::uint64_t tag) {
  ASSERT_EQ(parley_chat_list_conversations(client.get(), tag), PARLEY_OK);
  ASSERT_TRUE(client.wait_for_reply(PARLEY_EVENT_CONVERSATIONS_LISTED, tag));
}

class CApiIntegration : public ::testing::Test {
 protected:
  test::ServerProcess server;
};

TEST_F(CApiIntegration, UserMessageReachesAgentAndTheReplyComesBackOnce) {
  CClient agent(server.url(), server.mint_token("agent-1", "Alice", "agent"));
  ASSERT_TRUE(agent.wait_connected());
  CClient user(server.url(), server.mint_token("u-1", "Ann"));
  ASSERT_TRUE(user.wait_connected());

  const std::string question = "Where is my order? \xF0\x9F\x93\xA6";
  char client_id[PARLEY_CLIENT_ID_SIZE] = "";
  ASSERT_EQ(
      parley_chat_send(user.get(), question.data(), question.size(), nullptr, 0, 101, client_id),
      PARLEY_OK)
      << parley_last_error_message();
  ASSERT_NE(client_id[0], '\0');

  auto sent = user.wait_for_reply(PARLEY_EVENT_MESSAGE_SENT, 101);
  ASSERT_TRUE(sent);
  EXPECT_EQ(sent->status, PARLEY_OK) << sent->error_message;
  EXPECT_EQ(sent->json["type"], "message_sent");
  EXPECT_EQ(sent->json["tag"], 101);
  EXPECT_TRUE(sent->json["error"].is_null());
  EXPECT_EQ(sent->json["client_id"], client_id);
  EXPECT_EQ(sent->json["message"]["client_id"], client_id);
  EXPECT_EQ(sent->json["message"]["text"], question);
  EXPECT_EQ(sent->json["message"]["author"]["kind"], "user");
  EXPECT_EQ(sent->json["message"]["author"]["id"], "u-1");
  EXPECT_EQ(sent->json["message"]["state"], "sent");
  const std::string conversation = sent->json["message"]["conversation_id"];
  ASSERT_FALSE(conversation.empty());

  auto incoming =
      agent.wait_for([&](const PolledEvent& e) { return is_message_from(e, "user", question); });
  ASSERT_TRUE(incoming);
  EXPECT_EQ(incoming->tag, 0u);
  EXPECT_EQ(incoming->json["message"]["conversation_id"], conversation);
  EXPECT_EQ(incoming->json["message"]["author"]["name"], "Ann");

  const std::string answer = "It ships today.";
  ASSERT_EQ(parley_agent_reply(agent.get(), conversation.data(), conversation.size(), answer.data(),
                               answer.size(), 202, nullptr),
            PARLEY_OK)
      << parley_last_error_message();
  auto replied = agent.wait_for_reply(PARLEY_EVENT_MESSAGE_SENT, 202);
  ASSERT_TRUE(replied);
  EXPECT_EQ(replied->status, PARLEY_OK) << replied->error_message;
  EXPECT_EQ(replied->json["message"]["author"]["kind"], "agent");

  auto reply =
      user.wait_for([&](const PolledEvent& e) { return is_message_from(e, "agent", answer); });
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->tag, 0u);
  EXPECT_EQ(reply->status, PARLEY_OK);
  EXPECT_EQ(reply->json["message"]["conversation_id"], conversation);
  EXPECT_EQ(reply->json["message"]["author"]["name"], "Alice");
  const std::string reply_id = reply->json["message"]["id"];

  round_trip(user, 303);
  EXPECT_EQ(count_received(user, reply_id), 1u);
  EXPECT_EQ(count_received(user, sent->json["message"]["id"]),
            0u);  // own message: a reply, not news

  // Both messages are on the device, readable without the network.
  char* cached = nullptr;
  size_t cached_len = 0;
  ASSERT_EQ(parley_chat_cached_messages(user.get(), conversation.data(), conversation.size(),
                                        &cached, &cached_len),
            PARLEY_OK);
  const json messages = json::parse(std::string(cached, cached_len))["messages"];
  parley_free(cached);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0]["text"], question);
  EXPECT_EQ(messages[1]["text"], answer);

  size_t outbox = 99;
  ASSERT_EQ(parley_outbox_size(user.get(), &outbox), PARLEY_OK);
  EXPECT_EQ(outbox, 0u);
}

TEST_F(CApiIntegration, TicketRoundTrip) {
  CClient agent(server.url(), server.mint_token("agent-1", "Alice", "agent"));
  ASSERT_TRUE(agent.wait_connected());
  CClient user(server.url(), server.mint_token("u-7", "Bo"));
  ASSERT_TRUE(user.wait_connected());

  parley_ticket_draft* draft = nullptr;
  ASSERT_EQ(parley_ticket_draft_new(&draft), PARLEY_OK);
  ASSERT_EQ(parley_ticket_draft_set_subject(draft, PARLEY_STR("Zipper broke")), PARLEY_OK);
  ASSERT_EQ(parley_ticket_draft_set_description(draft, PARLEY_STR("After two days.")), PARLEY_OK);
  ASSERT_EQ(parley_ticket_draft_set_priority(draft, PARLEY_TICKET_PRIORITY_HIGH), PARLEY_OK);
  ASSERT_EQ(parley_ticket_draft_set_category(draft, PARLEY_STR("orders")), PARLEY_OK);
  char client_id[PARLEY_CLIENT_ID_SIZE] = "";
  ASSERT_EQ(parley_ticket_create(user.get(), draft, 11, client_id), PARLEY_OK)
      << parley_last_error_message();
  parley_ticket_draft_free(draft);

  auto created = user.wait_for_reply(PARLEY_EVENT_TICKET_CREATED, 11);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, PARLEY_OK) << created->error_message;
  const json& ticket = created->json["ticket"];
  EXPECT_EQ(created->json["client_id"], client_id);
  EXPECT_EQ(ticket["client_id"], client_id);
  EXPECT_EQ(ticket["subject"], "Zipper broke");
  EXPECT_EQ(ticket["description"], "After two days.");
  EXPECT_EQ(ticket["priority"], "high");
  EXPECT_EQ(ticket["category"], "orders");
  EXPECT_EQ(ticket["status"], "open");
  EXPECT_EQ(ticket["user_id"], "u-7");
  const std::string ticket_id = ticket["id"];

  // The agent hears of it, and moves it to pending; the user is told.
  ASSERT_TRUE(agent.wait_for([&](const PolledEvent& e) {
    return e.type == PARLEY_EVENT_TICKET_UPDATED && field(e.json, "/ticket/id") == ticket_id &&
           field(e.json, "/change") == "created";
  }));
  ASSERT_EQ(parley_agent_set_ticket_status(agent.get(), ticket_id.data(), ticket_id.size(),
                                           PARLEY_TICKET_STATUS_PENDING, 12),
            PARLEY_OK);
  auto status_set = agent.wait_for_reply(PARLEY_EVENT_TICKET_STATUS_SET, 12);
  ASSERT_TRUE(status_set);
  EXPECT_EQ(status_set->status, PARLEY_OK) << status_set->error_message;
  EXPECT_EQ(status_set->json["ticket"]["status"], "pending");
  auto updated = user.wait_for([&](const PolledEvent& e) {
    return e.type == PARLEY_EVENT_TICKET_UPDATED && field(e.json, "/ticket/id") == ticket_id &&
           field(e.json, "/change") == "status";
  });
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->json["ticket"]["status"], "pending");

  // The user comments; the agent gets it.
  ASSERT_EQ(parley_ticket_add_comment(user.get(), ticket_id.data(), ticket_id.size(),
                                      PARLEY_STR("Photo attached soon."), 13, nullptr),
            PARLEY_OK);
  auto comment = user.wait_for_reply(PARLEY_EVENT_COMMENT_ADDED, 13);
  ASSERT_TRUE(comment);
  EXPECT_EQ(comment->status, PARLEY_OK) << comment->error_message;
  EXPECT_EQ(comment->json["comment"]["ticket_id"], ticket_id);
  ASSERT_TRUE(agent.wait_for([&](const PolledEvent& e) {
    return e.type == PARLEY_EVENT_TICKET_COMMENT &&
           field(e.json, "/comment/text") == "Photo attached soon.";
  }));

  // Reading it back: the ticket with its comment, and in the list filtered by status.
  ASSERT_EQ(parley_ticket_get(user.get(), ticket_id.data(), ticket_id.size(), 14), PARLEY_OK);
  auto loaded = user.wait_for_reply(PARLEY_EVENT_TICKET_LOADED, 14);
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->status, PARLEY_OK) << loaded->error_message;
  EXPECT_EQ(loaded->json["ticket"]["status"], "pending");
  ASSERT_EQ(loaded->json["comments"].size(), 1u);
  EXPECT_EQ(loaded->json["comments"][0]["author"]["kind"], "user");

  ASSERT_EQ(parley_ticket_list(user.get(), PARLEY_TICKET_STATUS_PENDING, 15), PARLEY_OK);
  auto listed = user.wait_for_reply(PARLEY_EVENT_TICKETS_LISTED, 15);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->json["tickets"].size(), 1u);
  EXPECT_EQ(listed->json["tickets"][0]["id"], ticket_id);

  // Failures come back as typed events with the request's tag.
  ASSERT_EQ(parley_agent_set_ticket_status(agent.get(), ticket_id.data(), ticket_id.size(),
                                           PARLEY_TICKET_STATUS_SOLVED, 19),
            PARLEY_OK);
  ASSERT_TRUE(agent.wait_for_reply(PARLEY_EVENT_TICKET_STATUS_SET, 19));
  ASSERT_EQ(parley_agent_set_ticket_status(agent.get(), ticket_id.data(), ticket_id.size(),
                                           PARLEY_TICKET_STATUS_PENDING, 16),
            PARLEY_OK);
  auto refused = agent.wait_for_reply(PARLEY_EVENT_TICKET_STATUS_SET, 16);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, PARLEY_E_CONFLICT);  // solved -> pending is not a transition
  EXPECT_FALSE(refused->error_message.empty());
  EXPECT_EQ(refused->json["error"]["code"], "conflict");
  EXPECT_TRUE(refused->json["ticket"].is_null());

  ASSERT_EQ(parley_agent_queue(user.get(), 17), PARLEY_OK);
  auto forbidden = user.wait_for_reply(PARLEY_EVENT_AGENT_QUEUE_LOADED, 17);
  ASSERT_TRUE(forbidden);
  EXPECT_EQ(forbidden->status, PARLEY_E_FORBIDDEN);

  ASSERT_EQ(parley_ticket_get(user.get(), PARLEY_STR("t-999999"), 18), PARLEY_OK);
  auto missing = user.wait_for_reply(PARLEY_EVENT_TICKET_LOADED, 18);
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, PARLEY_E_NOT_FOUND);
}

// The rest of the life cycle through the C ABI: the schema, custom fields and metadata, the
// agent's priority and taking it, the user's rating and closing, pages and the device's copy.
TEST_F(CApiIntegration, TicketLifecycleWithFieldsRatingAndPages) {
  CClient agent(server.url(), server.mint_token("agent-1", "Alice", "agent"));
  ASSERT_TRUE(agent.wait_connected());
  CClient user(server.url(), server.mint_token("u-8", "Cy"));
  ASSERT_TRUE(user.wait_connected());

  ASSERT_EQ(parley_ticket_load_schema(user.get(), 1), PARLEY_OK);
  auto schema = user.wait_for_reply(PARLEY_EVENT_TICKET_SCHEMA_LOADED, 1);
  ASSERT_TRUE(schema);
  ASSERT_EQ(schema->status, PARLEY_OK) << schema->error_message;
  EXPECT_EQ(field(schema->json, "/schema/fields/0/key"), "order_number");
  char* cached = nullptr;
  ASSERT_EQ(parley_ticket_cached_schema(user.get(), &cached, nullptr), PARLEY_OK);
  EXPECT_EQ(json::parse(cached), schema->json["schema"]);
  parley_free(cached);

  parley_ticket_draft* draft = nullptr;
  ASSERT_EQ(parley_ticket_draft_new(&draft), PARLEY_OK);
  ASSERT_EQ(parley_ticket_draft_set_subject(draft, PARLEY_STR("Wrong size")), PARLEY_OK);
  ASSERT_EQ(parley_ticket_draft_set_field(draft, PARLEY_STR("quantity"), PARLEY_STR("200")), PARLEY_OK);
  // Checked against the schema before it is queued: 200 is above the field's max.
  EXPECT_EQ(parley_ticket_create(user.get(), draft, 2, nullptr), PARLEY_E_INVALID_ARGUMENT);
  EXPECT_NE(std::string(parley_last_error_message()).find("quantity"), std::string::npos);
  ASSERT_EQ(parley_ticket_draft_set_field(draft, PARLEY_STR("quantity"), PARLEY_STR("2")), PARLEY_OK);
  ASSERT_EQ(parley_ticket_draft_set_metadata(draft, PARLEY_STR("cart_id"), PARLEY_STR("C-77")), PARLEY_OK);
  ASSERT_EQ(parley_ticket_create(user.get(), draft, 2, nullptr), PARLEY_OK) << parley_last_error_message();
  parley_ticket_draft_free(draft);
  auto created = user.wait_for_reply(PARLEY_EVENT_TICKET_CREATED, 2);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, PARLEY_OK) << created->error_message;
  const json ticket = created->json["ticket"];
  EXPECT_EQ(ticket["fields"], (json{{"quantity", "2"}}));
  EXPECT_EQ(ticket["metadata"]["cart_id"], "C-77");
  EXPECT_EQ(ticket["metadata"]["sdk"].get<std::string>().rfind("parley-cpp/", 0), 0u);
  EXPECT_TRUE(ticket["assignee"].is_null());
  EXPECT_TRUE(ticket["rating"].is_null());
  const std::string id = ticket["id"];

  ASSERT_EQ(parley_agent_take_ticket(agent.get(), id.data(), id.size(), 3, nullptr), PARLEY_OK);
  auto taken = agent.wait_for_reply(PARLEY_EVENT_TICKET_CHANGED, 3);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->status, PARLEY_OK) << taken->error_message;
  EXPECT_EQ(taken->json["change"], "assigned");
  EXPECT_EQ(field(taken->json, "/ticket/assignee/name"), "Alice");
  ASSERT_EQ(parley_agent_set_ticket_priority(agent.get(), id.data(), id.size(),
                                             PARLEY_TICKET_PRIORITY_URGENT, 4, nullptr),
            PARLEY_OK);
  auto urgent = agent.wait_for_reply(PARLEY_EVENT_TICKET_CHANGED, 4);
  ASSERT_TRUE(urgent);
  EXPECT_EQ(field(urgent->json, "/ticket/priority"), "urgent");
  ASSERT_TRUE(user.wait_for([&](const PolledEvent& e) {
    return e.type == PARLEY_EVENT_TICKET_UPDATED && field(e.json, "/change") == "priority";
  }));

  // Rating before it is solved is refused; once solved it is kept and the agent sees it.
  ASSERT_EQ(parley_ticket_rate(user.get(), id.data(), id.size(), 5, PARLEY_STR("Thanks!"), 5, nullptr),
            PARLEY_OK);
  auto early = user.wait_for_reply(PARLEY_EVENT_TICKET_CHANGED, 5);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status, PARLEY_E_CONFLICT);
  EXPECT_EQ(parley_ticket_rate(user.get(), id.data(), id.size(), 6, nullptr, 0, 6, nullptr),
            PARLEY_E_INVALID_ARGUMENT);
  ASSERT_EQ(parley_agent_set_ticket_status(agent.get(), id.data(), id.size(),
                                           PARLEY_TICKET_STATUS_SOLVED, 7),
            PARLEY_OK);
  ASSERT_TRUE(user.wait_for([&](const PolledEvent& e) {
    return e.type == PARLEY_EVENT_TICKET_UPDATED && field(e.json, "/ticket/status") == "solved";
  }));
  ASSERT_EQ(parley_ticket_rate(user.get(), id.data(), id.size(), 5, PARLEY_STR("Thanks!"), 8, nullptr),
            PARLEY_OK);
  auto rated = user.wait_for_reply(PARLEY_EVENT_TICKET_CHANGED, 8);
  ASSERT_TRUE(rated);
  ASSERT_EQ(rated->status, PARLEY_OK) << rated->error_message;
  EXPECT_EQ(rated->json["change"], "rated");
  EXPECT_EQ(rated->json["ticket"]["rating"]["score"], 5);
  EXPECT_EQ(rated->json["ticket"]["rating"]["comment"], "Thanks!");
  ASSERT_TRUE(agent.wait_for([&](const PolledEvent& e) {
    return e.type == PARLEY_EVENT_TICKET_UPDATED && field(e.json, "/change") == "rated" &&
           field(e.json, "/ticket/rating/comment") == "Thanks!";
  }));
  ASSERT_EQ(parley_ticket_close(user.get(), id.data(), id.size(), 9, nullptr), PARLEY_OK);
  auto closed = user.wait_for_reply(PARLEY_EVENT_TICKET_CHANGED, 9);
  ASSERT_TRUE(closed);
  EXPECT_EQ(field(closed->json, "/ticket/status"), "closed");

  // A second ticket, then pages of one, and the device's copy.
  ASSERT_EQ(parley_ticket_draft_new(&draft), PARLEY_OK);
  ASSERT_EQ(parley_ticket_draft_set_subject(draft, PARLEY_STR("Another")), PARLEY_OK);
  ASSERT_EQ(parley_ticket_create(user.get(), draft, 10, nullptr), PARLEY_OK);
  parley_ticket_draft_free(draft);
  ASSERT_TRUE(user.wait_for_reply(PARLEY_EVENT_TICKET_CREATED, 10));
  ASSERT_EQ(parley_ticket_list_page(user.get(), PARLEY_TICKET_STATUS_ANY, nullptr, 0, nullptr, 0, 1, 11),
            PARLEY_OK);
  auto first = user.wait_for_reply(PARLEY_EVENT_TICKETS_LISTED, 11);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->json["tickets"].size(), 1u);
  EXPECT_EQ(first->json["has_more"], true);
  const std::string newest = first->json["tickets"][0]["id"];
  ASSERT_EQ(parley_ticket_list_page(user.get(), PARLEY_TICKET_STATUS_ANY, nullptr, 0, newest.data(),
                                    newest.size(), 1, 12),
            PARLEY_OK);
  auto second = user.wait_for_reply(PARLEY_EVENT_TICKETS_LISTED, 12);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->json["tickets"].size(), 1u);
  EXPECT_EQ(second->json["tickets"][0]["id"], id);
  EXPECT_EQ(second->json["has_more"], false);
  ASSERT_EQ(parley_ticket_cached(user.get(), &cached, nullptr), PARLEY_OK);
  const json kept = json::parse(cached);
  parley_free(cached);
  ASSERT_EQ(kept["tickets"].size(), 2u);
  EXPECT_EQ(kept["tickets"][0]["id"], newest);
  EXPECT_EQ(kept["tickets"][1]["rating"]["score"], 5);
  EXPECT_EQ(kept["tickets"][1]["status"], "closed");
}

TEST_F(CApiIntegration, TwoUsersInOneProcessStayIndependent) {
  CClient ann(server.url(), server.mint_token("u-ann", "Ann"));
  auto bo = std::make_unique<CClient>(server.url(), server.mint_token("u-bo", "Bo"));
  ASSERT_TRUE(ann.wait_connected());
  ASSERT_TRUE(bo->wait_connected());

  ASSERT_EQ(parley_chat_send(ann.get(), PARLEY_STR("from Ann"), nullptr, 0, 1, nullptr), PARLEY_OK);
  ASSERT_EQ(parley_chat_send(bo->get(), PARLEY_STR("from Bo"), nullptr, 0, 1, nullptr), PARLEY_OK);
  auto ann_sent = ann.wait_for_reply(PARLEY_EVENT_MESSAGE_SENT, 1);
  auto bo_sent = bo->wait_for_reply(PARLEY_EVENT_MESSAGE_SENT, 1);
  ASSERT_TRUE(ann_sent && bo_sent);
  EXPECT_EQ(ann_sent->json["message"]["text"], "from Ann");
  EXPECT_EQ(bo_sent->json["message"]["text"], "from Bo");
  EXPECT_NE(ann_sent->json["message"]["conversation_id"],
            bo_sent->json["message"]["conversation_id"]);

  ASSERT_EQ(parley_chat_list_conversations(ann.get(), 2), PARLEY_OK);
  auto listed = ann.wait_for_reply(PARLEY_EVENT_CONVERSATIONS_LISTED, 2);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->json["conversations"].size(), 1u);
  EXPECT_EQ(listed->json["conversations"][0]["user_id"], "u-ann");

  round_trip(*bo, 3);
  for (const auto& e : bo->history()) {
    EXPECT_NE(e.type, PARLEY_EVENT_MESSAGE_RECEIVED) << e.json.dump();  // Ann's chat is not Bo's
  }

  // Freeing one client leaves the other working.
  bo.reset();
  ASSERT_EQ(parley_chat_send(ann.get(), PARLEY_STR("still here"), nullptr, 0, 4, nullptr),
            PARLEY_OK);
  ASSERT_TRUE(ann.wait_for_reply(PARLEY_EVENT_MESSAGE_SENT, 4));
}

TEST_F(CApiIntegration, FilesFromTheDeviceGoOutWithAMessageAndATicket) {
  const std::string dir = ::testing::TempDir();
  const std::string photo = dir + "/capi-photo.png";
  const std::string log = dir + "/capi-log";
  std::ofstream(photo, std::ios::binary) << std::string("\x89PNG\r\n\x1a\n", 8) << std::string(300'000, 'p');
  std::ofstream(log, std::ios::binary) << "12:00 crash\n";
  CClient ann(server.url(), server.mint_token("u-ann", "Ann"));
  ASSERT_TRUE(ann.wait_connected());

  // A photo alone, then a log whose type the app names: no words needed.
  const char* paths[2] = {photo.c_str(), log.c_str()};
  const char* types[2] = {nullptr, "text/plain"};
  char client_id[PARLEY_CLIENT_ID_SIZE] = {0};
  ASSERT_EQ(parley_chat_send_with_files(ann.get(), nullptr, 0, nullptr, 0, paths, types, 2, 1, client_id),
            PARLEY_OK);
  const auto progress = ann.wait_for_reply(PARLEY_EVENT_ATTACHMENT_PROGRESS, 1);
  ASSERT_TRUE(progress);
  EXPECT_EQ(progress->json["client_id"], client_id);
  const auto sent = ann.wait_for_reply(PARLEY_EVENT_MESSAGE_SENT, 1);
  ASSERT_TRUE(sent);
  ASSERT_EQ(sent->status, PARLEY_OK) << sent->error_message;
  EXPECT_EQ(sent->json["client_id"], client_id);
  ASSERT_EQ(field(sent->json, "/message/attachments").size(), 2u);
  EXPECT_EQ(field(sent->json, "/message/attachments/0/name"), "capi-photo.png");
  EXPECT_EQ(field(sent->json, "/message/attachments/1/content_type"), "text/plain");

  // An agent answers with a file alone.
  CClient agent(server.url(), server.mint_token("a-sam", "Sam", "agent"));
  ASSERT_TRUE(agent.wait_connected());
  const std::string conversation = field(sent->json, "/message/conversation_id");
  const char* photo_only[1] = {photo.c_str()};
  ASSERT_EQ(parley_agent_reply_with_files(agent.get(), conversation.data(), conversation.size(), nullptr, 0,
                                          photo_only, nullptr, 1, 4, nullptr),
            PARLEY_OK);
  const auto replied = agent.wait_for_reply(PARLEY_EVENT_MESSAGE_SENT, 4);
  ASSERT_TRUE(replied);
  ASSERT_EQ(replied->status, PARLEY_OK) << replied->error_message;
  EXPECT_EQ(field(replied->json, "/message/attachments/0/name"), "capi-photo.png");
  ASSERT_TRUE(ann.wait_for([](const PolledEvent& e) {
    return e.type == PARLEY_EVENT_MESSAGE_RECEIVED && field(e.json, "/message/author/kind") == "agent" &&
           field(e.json, "/message/attachments/0/name") == "capi-photo.png";
  }));

  parley_ticket_draft* draft = nullptr;
  ASSERT_EQ(parley_ticket_draft_new(&draft), PARLEY_OK);
  ASSERT_EQ(parley_ticket_draft_set_subject(draft, PARLEY_STR("Crash at checkout")), PARLEY_OK);
  ASSERT_EQ(parley_ticket_draft_add_file(draft, photo.data(), photo.size(), nullptr, 0), PARLEY_OK);
  ASSERT_EQ(parley_ticket_create(ann.get(), draft, 2, nullptr), PARLEY_OK);
  parley_ticket_draft_free(draft);
  const auto created = ann.wait_for_reply(PARLEY_EVENT_TICKET_CREATED, 2);
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, PARLEY_OK) << created->error_message;
  EXPECT_EQ(field(created->json, "/ticket/attachments/0/name"), "capi-photo.png");
  const std::string ticket = field(created->json, "/ticket/id");

  const char* log_only[1] = {log.c_str()};
  ASSERT_EQ(parley_ticket_add_comment_with_files(ann.get(), ticket.data(), ticket.size(), PARLEY_STR("the log"),
                                                 log_only, types + 1, 1, 3, nullptr),
            PARLEY_OK);
  const auto comment = ann.wait_for_reply(PARLEY_EVENT_COMMENT_ADDED, 3);
  ASSERT_TRUE(comment);
  ASSERT_EQ(comment->status, PARLEY_OK) << comment->error_message;
  EXPECT_EQ(field(comment->json, "/comment/attachments/0/content_type"), "text/plain");
}

TEST_F(CApiIntegration, FaqSyncThenSearchOnTheDeviceInEnglishAndKorean) {
  CClient user(server.url(), server.mint_token("u-faq", "Cy"));
  ASSERT_TRUE(user.wait_connected());

  ASSERT_EQ(parley_faq_sync(user.get(), 1), PARLEY_OK);
  auto synced = user.wait_for_reply(PARLEY_EVENT_FAQ_SYNCED, 1);
  ASSERT_TRUE(synced);
  ASSERT_EQ(synced->status, PARLEY_OK) << synced->error_message;
  EXPECT_GE(synced->json["count"].get<int>(), 4);  // tests/support/faq: 2 en + 2 ko
  EXPECT_GT(synced->json["version"].get<int>(), 0);

  ASSERT_EQ(parley_faq_search(user.get(), PARLEY_STR("refund"), PARLEY_STR("en"), 0, 2), PARLEY_OK);
  auto english = user.wait_for_reply(PARLEY_EVENT_FAQ_RESULTS, 2);
  ASSERT_TRUE(english);
  ASSERT_FALSE(english->json["hits"].empty());
  EXPECT_EQ(english->json["hits"][0]["article"]["id"], "refund-policy");
  EXPECT_EQ(english->json["hits"][0]["article"]["locale"], "en");
  EXPECT_NE(english->json["hits"][0]["snippet"].get<std::string>().find("\xC2\xAB"),
            std::string::npos);  // matches are marked with U+00AB

  const std::string korean = "\xED\x99\x98\xEB\xB6\x88";  // "환불", refund
  ASSERT_EQ(parley_faq_search(user.get(), korean.data(), korean.size(), nullptr, 0, 5, 3),
            PARLEY_OK);
  auto hangul = user.wait_for_reply(PARLEY_EVENT_FAQ_RESULTS, 3);
  ASSERT_TRUE(hangul);
  ASSERT_FALSE(hangul->json["hits"].empty());
  EXPECT_EQ(hangul->json["hits"][0]["article"]["id"], "ko-refund-policy");
}

struct WakeupCounter {
  std::atomic<int> wakeups{0};
  std::atomic<int> frees{0};
};

TEST_F(CApiIntegration, WakeupCallbackSignalsEventsAndItsDataIsFreedWithTheClient) {
  WakeupCounter counter;
  {
    CClient user(server.url(), server.mint_token("u-wake", "Di"));
    ASSERT_EQ(parley_client_set_wakeup(
                  user.get(), [](void* data) { static_cast<WakeupCounter*>(data)->wakeups++; },
                  &counter, [](void* data) { static_cast<WakeupCounter*>(data)->frees++; }),
              PARLEY_OK);
    // Events queued before the callback was set, or the first one after, are announced:
    // the app is woken without ever having polled.
    EXPECT_TRUE(test::wait_until([&] { return counter.wakeups.load() >= 1; }));

    // Drain the queue, then a new event must wake the app up again: wait on the callback
    // itself, without polling.
    ASSERT_TRUE(user.wait_connected());
    const parley_event* ev = nullptr;
    do {
      ASSERT_EQ(parley_poll_event(user.get(), 0, &ev), PARLEY_OK);
    } while (ev != nullptr);
    counter.wakeups = 0;
    ASSERT_EQ(parley_chat_send(user.get(), PARLEY_STR("ping"), nullptr, 0, 9, nullptr), PARLEY_OK);
    EXPECT_TRUE(test::wait_until([&] { return counter.wakeups.load() > 0; }));
    EXPECT_TRUE(user.wait_for_reply(PARLEY_EVENT_MESSAGE_SENT, 9));
    EXPECT_EQ(counter.frees.load(), 0);
  }
  EXPECT_EQ(counter.frees.load(), 1);
}

// A disk that fails the store's flushes reaches a C app as an unsolicited event with a status
// and the error in its JSON, and the disk's recovery as the same type with PARLEY_OK.
TEST_F(CApiIntegration, ADiskThatFailsTheStoresFlushesIsToldAsAnEvent) {
  const test::SdkTempDir dir;
  test::LogSyncProbe disk;  // before the client opens its store
  CClient user(server.url(), server.mint_token("u-disk", "Eve"), dir.file("eve.db"));
  ASSERT_TRUE(user.wait_connected());
  const auto health = [](const PolledEvent& e) { return e.type == PARLEY_EVENT_STORE_HEALTH_CHANGED; };

  disk.fail(test::LogSyncProbe::Failing::logs);
  ASSERT_EQ(parley_chat_send(user.get(), PARLEY_STR("one"), nullptr, 0, 1, nullptr), PARLEY_OK);
  const auto failing = user.wait_for(health);
  ASSERT_TRUE(failing);
  EXPECT_EQ(failing->status, PARLEY_E_INTERNAL);
  EXPECT_EQ(failing->tag, 0u);
  EXPECT_EQ(field(failing->json, "/type"), "store_health_changed");
  EXPECT_EQ(field(failing->json, "/error/code"), "internal");
  EXPECT_NE(field(failing->json, "/error/message").get<std::string>().find("could not flush"),
            std::string::npos);
  EXPECT_TRUE(user.wait_for_reply(PARLEY_EVENT_MESSAGE_SENT, 1));  // sent all the same

  disk.fail(test::LogSyncProbe::Failing::none);
  ASSERT_EQ(parley_chat_send(user.get(), PARLEY_STR("two"), nullptr, 0, 2, nullptr), PARLEY_OK);
  const auto working = user.wait_for(health);
  ASSERT_TRUE(working);
  EXPECT_EQ(working->status, PARLEY_OK);
  EXPECT_TRUE(field(working->json, "/error").is_null());
}

TEST_F(CApiIntegration, ReceiptsEditsTypingAndAssignmentArriveAsJson) {
  CClient agent(server.url(), server.mint_token("agent-1", "Alice", "agent"));
  ASSERT_TRUE(agent.wait_connected());
  CClient user(server.url(), server.mint_token("u-1", "Ann"));
  ASSERT_TRUE(user.wait_connected());

  ASSERT_EQ(parley_chat_send(user.get(), "helo", 4, nullptr, 0, 1, nullptr), PARLEY_OK);
  const auto sent = user.wait_for_reply(PARLEY_EVENT_MESSAGE_SENT, 1);
  ASSERT_TRUE(sent);
  const std::string message_id = field(sent->json, "/message/id");
  const std::string conversation = field(sent->json, "/message/conversation_id");
  ASSERT_TRUE(agent.wait_for([](const PolledEvent& e) { return is_message_from(e, "user", "helo"); }));

  // The agent takes it, types and reads; the user sees each as JSON.
  ASSERT_EQ(parley_agent_take(agent.get(), conversation.data(), conversation.size(), 2), PARLEY_OK);
  const auto taken = agent.wait_for_reply(PARLEY_EVENT_CONVERSATION_TAKEN, 2);
  ASSERT_TRUE(taken);
  EXPECT_EQ(field(taken->json, "/conversation/assignee/id"), "agent-1");
  const auto assigned = user.wait_for([](const PolledEvent& e) {
    return e.type == PARLEY_EVENT_CONVERSATION_UPDATED && field(e.json, "/change") == "assigned";
  });
  ASSERT_TRUE(assigned);
  EXPECT_EQ(field(assigned->json, "/conversation/assignee/name"), "Alice");

  ASSERT_EQ(parley_chat_set_typing(agent.get(), conversation.data(), conversation.size(), 1), PARLEY_OK);
  const auto typing = user.wait_for([](const PolledEvent& e) { return e.type == PARLEY_EVENT_TYPING_CHANGED; });
  ASSERT_TRUE(typing);
  EXPECT_EQ(field(typing->json, "/conversation_id"), conversation);
  EXPECT_EQ(field(typing->json, "/author/id"), "agent-1");
  EXPECT_EQ(field(typing->json, "/typing"), true);

  ASSERT_EQ(parley_chat_mark_read(agent.get(), conversation.data(), conversation.size(), nullptr, 0), PARLEY_OK);
  ASSERT_TRUE(user.wait_for([&](const PolledEvent& e) {
    return e.type == PARLEY_EVENT_CONVERSATION_UPDATED &&
           field(e.json, "/conversation/receipts/agent/read_up_to") == message_id;
  }));
  char* json_text = nullptr;
  ASSERT_EQ(parley_chat_cached_messages(user.get(), conversation.data(), conversation.size(),
                                        &json_text, nullptr),
            PARLEY_OK);
  const auto cached = json::parse(json_text);
  parley_free(json_text);
  EXPECT_EQ(field(cached, "/messages/0/state"), "read");

  // The user fixes the typo; the agent sees the edit.
  ASSERT_EQ(parley_chat_edit(user.get(), message_id.data(), message_id.size(), "hello", 5, 3, nullptr),
            PARLEY_OK);
  const auto edited = user.wait_for_reply(PARLEY_EVENT_MESSAGE_EDITED, 3);
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->status, PARLEY_OK) << edited->error_message;
  EXPECT_EQ(field(edited->json, "/change"), "edited");
  const auto updated = agent.wait_for([](const PolledEvent& e) { return e.type == PARLEY_EVENT_MESSAGE_UPDATED; });
  ASSERT_TRUE(updated);
  EXPECT_EQ(field(updated->json, "/message/text"), "hello");
  EXPECT_GT(field(updated->json, "/message/edited_at").get<std::int64_t>(), 0);

  ASSERT_EQ(parley_chat_cached_conversations(agent.get(), &json_text, nullptr), PARLEY_OK);
  const auto conversations = json::parse(json_text);
  parley_free(json_text);
  EXPECT_EQ(field(conversations, "/conversations/0/id"), conversation);
  EXPECT_EQ(field(conversations, "/conversations/0/unread_count"), 0);
}

}  // namespace
}  // namespace parley::capi_test
