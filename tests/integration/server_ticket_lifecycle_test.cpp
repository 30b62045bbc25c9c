// parley-server tickets beyond create/comment: the schema of custom fields and its checks,
// metadata, paging and filters, the user's close/reopen/rating, the agent's priority and
// taking a ticket — with their events, idempotence, and who may do what (over the raw
// protocol, not through the SDK).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server_test_helpers.hpp"

namespace parley::test {
namespace {

class ServerTicketLifecycle : public ::testing::Test {
 protected:
  ServerProcess server;
  std::unique_ptr<RawWsClient> user = connect_as(server, "u-1");
  std::unique_ptr<RawWsClient> agent = connect_as(server, "a-1", "agent");

  Json create(const std::string& client_id, Json extra = Json::object()) {
    Json args{{"client_id", client_id}, {"subject", "Parcel damaged"}};
    args.update(extra);
    return user->request("ticket.create", args);
  }
  std::string create_id(const std::string& client_id, Json extra = Json::object()) {
    const Json reply = create(client_id, std::move(extra));
    EXPECT_TRUE(is_res(reply)) << reply.dump();
    return reply["result"]["ticket"].value("id", "");
  }
  Json as_user(const std::string& op, const std::string& ticket_id, Json extra = Json::object()) {
    Json args{{"ticket_id", ticket_id}};
    args.update(extra);
    return user->request(op, args);
  }
  Json as_agent(const std::string& op, const std::string& ticket_id, Json extra = Json::object()) {
    Json args{{"ticket_id", ticket_id}};
    args.update(extra);
    return agent->request(op, args);
  }
  // The one event of the change just made, as the user and as the agent received it.
  Json only_event() {
    const auto agent_events = events_so_far(*agent);
    const auto events = events_so_far(*user);
    EXPECT_EQ(events.size(), 1u);
    EXPECT_EQ(agent_events.size(), 1u);
    if (events.size() != 1 || agent_events.size() != 1) return Json();
    EXPECT_EQ(events[0]["data"], agent_events[0]["data"]);
    EXPECT_EQ(events[0]["name"], "ticket.updated");
    return events[0]["data"];
  }
  void expect_no_events() {
    EXPECT_TRUE(events_so_far(*user).empty());
    EXPECT_TRUE(events_so_far(*agent).empty());
  }
};

TEST_F(ServerTicketLifecycle, SchemaIsServedAsConfigured) {
  for (auto* client : {user.get(), agent.get()}) {
    const Json reply = client->request("ticket.schema");
    ASSERT_TRUE(is_res(reply)) << reply.dump();
    const Json& schema = reply["result"]["schema"];
    ASSERT_EQ(schema["categories"].size(), 3u);
    EXPECT_EQ(schema["categories"][0], (Json{{"id", "orders"}, {"label", "Orders and delivery"}}));
    ASSERT_EQ(schema["fields"].size(), 4u);
    EXPECT_EQ(schema["fields"][1], (Json{{"key", "quantity"}, {"label", "Items affected"},
                                         {"type", "number"}, {"required", false},
                                         {"min", 1.0}, {"max", 99.0}}));
    EXPECT_EQ(schema["fields"][3]["options"], (Json{"email", "phone"}));
  }
}

TEST_F(ServerTicketLifecycle, FieldsAndMetadataAreCheckedAndKept) {
  const Json fields{{"order_number", "A-1042"}, {"quantity", "2"}, {"gift", "true"}, {"contact", "email"}};
  const Json metadata{{"app_version", "2.3.1"}, {"os", "Android 15"}, {"device", "Pixel 9"}};
  const Json reply = create("full", {{"category", "orders"}, {"fields", fields}, {"metadata", metadata}});
  ASSERT_TRUE(is_res(reply)) << reply.dump();
  const Json& ticket = reply["result"]["ticket"];
  EXPECT_EQ(ticket["fields"], fields);
  EXPECT_EQ(ticket["metadata"], metadata);
  EXPECT_TRUE(ticket["assignee"].is_null());
  EXPECT_TRUE(ticket["rating"].is_null());
  EXPECT_EQ(as_agent("ticket.get", ticket["id"])["result"]["ticket"], ticket);

  const std::vector<std::pair<Json, std::string>> refused{
      {{{"category", "gardening"}}, "bad_request"},
      {{{"fields", {{"colour", "red"}}}}, "bad_request"},          // no such field
      {{{"fields", {{"quantity", "two"}}}}, "bad_request"},        // not a number
      {{{"fields", {{"quantity", "100"}}}}, "bad_request"},        // above max
      {{{"fields", {{"quantity", "0.5"}}}}, "bad_request"},        // below min
      {{{"fields", {{"quantity", 2}}}}, "bad_request"},            // values are strings
      {{{"fields", {{"gift", "yes"}}}}, "bad_request"},
      {{{"fields", {{"contact", "pigeon"}}}}, "bad_request"},
      {{{"fields", {{"order_number", std::string(21, '9')}}}}, "too_large"},
      {{{"fields", "order_number=1"}}, "bad_request"},
      {{{"metadata", {{"bad key!", "x"}}}}, "bad_request"},
      {{{"metadata", {{"os", std::string(257, 'x')}}}}, "too_large"},
  };
  int n = 0;
  for (const auto& [extra, code] : refused) {
    EXPECT_EQ(error_code(create("refused-" + std::to_string(n++), extra)), code) << extra.dump();
  }
  Json many = Json::object();
  for (int i = 0; i < 33; ++i) many["k" + std::to_string(i)] = "v";
  EXPECT_EQ(error_code(create("many", {{"metadata", many}})), "too_large");
  EXPECT_EQ(user->request("ticket.list")["result"]["tickets"].size(), 1u);
}

TEST(ServerTicketSchema, RequiredFieldsOfTheServersOwnSchema) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("parley-schema-" + std::to_string(::getpid()) + ".json");
  std::ofstream(path) << R"({"fields":[{"key":"serial","type":"text","required":true}]})";
  ServerOptions options;
  options.ticket_schema = path.string();
  ServerProcess server(options);
  auto user = connect_as(server, "u-1");
  const Json without = user->request("ticket.create", {{"client_id", "a"}, {"subject", "x"}});
  EXPECT_EQ(error_code(without), "bad_request");
  EXPECT_NE(without["error"]["message"].get<std::string>().find("serial"), std::string::npos);
  // No categories listed: any category goes.
  EXPECT_TRUE(is_res(user->request("ticket.create", {{"client_id", "b"}, {"subject", "x"},
                                                     {"category", "anything"},
                                                     {"fields", {{"serial", "SN-1"}}}})));
  std::filesystem::remove(path);
}

TEST_F(ServerTicketLifecycle, UserClosesReopensAndRatesOnceSolved) {
  const std::string id = create_id("t");
  events_so_far(*user);
  events_so_far(*agent);
  EXPECT_EQ(error_code(as_user("ticket.rate", id, {{"score", 5}})), "conflict");  // not solved yet
  EXPECT_EQ(error_code(as_user("ticket.set_status", id, {{"status", "solved"}})), "forbidden");

  ASSERT_TRUE(is_res(as_user("ticket.close", id)));
  Json change = only_event();
  EXPECT_EQ(change["change"], "status");
  EXPECT_EQ(change["ticket"]["status"], "closed");
  EXPECT_TRUE(is_res(as_user("ticket.close", id)));  // again: nothing changes
  expect_no_events();
  EXPECT_EQ(error_code(as_user("ticket.comment", id, {{"client_id", "c0"}, {"text", "hm"}})), "conflict");

  ASSERT_TRUE(is_res(as_user("ticket.reopen", id)));
  EXPECT_EQ(only_event()["ticket"]["status"], "open");
  EXPECT_TRUE(is_res(as_user("ticket.reopen", id)));
  expect_no_events();

  ASSERT_TRUE(is_res(as_agent("ticket.set_status", id, {{"status", "solved"}})));
  only_event();
  const Json rated = as_user("ticket.rate", id, {{"score", 5}, {"comment", "Quick and kind"}});
  ASSERT_TRUE(is_res(rated)) << rated.dump();
  change = only_event();
  EXPECT_EQ(change["change"], "rated");
  EXPECT_EQ(change["ticket"]["rating"]["score"], 5);
  EXPECT_EQ(change["ticket"]["rating"]["comment"], "Quick and kind");
  EXPECT_GT(change["ticket"]["rating"]["rated_at"].get<std::int64_t>(), 0);
  EXPECT_EQ(change["ticket"], rated["result"]["ticket"]);
  EXPECT_TRUE(is_res(as_user("ticket.rate", id, {{"score", 5}, {"comment", "Quick and kind"}})));
  expect_no_events();  // a resent rating changes nothing
  ASSERT_TRUE(is_res(as_user("ticket.rate", id, {{"score", 4}})));
  EXPECT_EQ(only_event()["ticket"]["rating"]["score"], 4);  // a later rating replaces it

  for (const Json& bad : {Json{{"score", 0}}, Json{{"score", 6}}, Json{{"score", "5"}}, Json::object()}) {
    EXPECT_EQ(error_code(as_user("ticket.rate", id, bad)), "bad_request") << bad.dump();
  }

  // The user answering a solved ticket reopens it; the agent answering does not.
  ASSERT_TRUE(is_res(as_agent("ticket.comment", id, {{"client_id", "a1"}, {"text", "Anything else?"}})));
  EXPECT_EQ(as_user("ticket.get", id)["result"]["ticket"]["status"], "solved");
  events_so_far(*user);
  events_so_far(*agent);
  ASSERT_TRUE(is_res(as_user("ticket.comment", id, {{"client_id", "u1"}, {"text", "It broke again"}})));
  const auto events = events_so_far(*agent);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["data"]["ticket"]["status"], "open");
  EXPECT_EQ(events[1]["name"], "ticket.comment");
  EXPECT_EQ(as_user("ticket.get", id)["result"]["ticket"]["rating"]["score"], 4);  // kept
}

TEST_F(ServerTicketLifecycle, AgentsSetPriorityAndTakeTickets) {
  const std::string id = create_id("p");
  events_so_far(*user);
  events_so_far(*agent);
  ASSERT_TRUE(is_res(as_agent("ticket.set_priority", id, {{"priority", "urgent"}})));
  Json change = only_event();
  EXPECT_EQ(change["change"], "priority");
  EXPECT_EQ(change["ticket"]["priority"], "urgent");
  EXPECT_TRUE(is_res(as_agent("ticket.set_priority", id, {{"priority", "urgent"}})));
  expect_no_events();
  EXPECT_EQ(error_code(as_agent("ticket.set_priority", id, {{"priority", "asap"}})), "bad_request");
  EXPECT_EQ(error_code(as_agent("ticket.set_priority", id)), "bad_request");

  ASSERT_TRUE(is_res(as_agent("ticket.take", id)));
  change = only_event();
  EXPECT_EQ(change["change"], "assigned");
  EXPECT_EQ(change["ticket"]["assignee"], (Json{{"kind", "agent"}, {"id", "a-1"}, {"name", "a-1 name"}}));
  EXPECT_TRUE(is_res(as_agent("ticket.take", id)));
  expect_no_events();
  auto other_agent = connect_as(server, "a-2", "agent");
  const Json taken = other_agent->request("ticket.take", {{"ticket_id", id}});
  EXPECT_EQ(taken["result"]["ticket"]["assignee"]["id"], "a-2");
  EXPECT_EQ(as_user("ticket.get", id)["result"]["ticket"]["assignee"]["id"], "a-2");
}

TEST_F(ServerTicketLifecycle, OnlyTheTicketsUserAndAgentsMayTouchIt) {
  const std::string id = create_id("mine");
  auto other = connect_as(server, "u-2");
  for (const char* op : {"ticket.get", "ticket.close", "ticket.reopen"}) {
    EXPECT_EQ(error_code(other->request(op, {{"ticket_id", id}})), "not_found") << op;
  }
  ASSERT_TRUE(is_res(as_agent("ticket.set_status", id, {{"status", "solved"}})));
  EXPECT_EQ(error_code(other->request("ticket.rate", {{"ticket_id", id}, {"score", 1}})), "not_found");
  EXPECT_EQ(error_code(other->request("ticket.comment", {{"ticket_id", id}, {"client_id", "x"}, {"text", "x"}})),
            "not_found");
  for (const char* op : {"ticket.set_priority", "ticket.take", "ticket.set_status"}) {
    EXPECT_EQ(error_code(as_user(op, id, {{"priority", "low"}, {"status", "open"}})), "forbidden") << op;
  }
  for (const char* op : {"ticket.close", "ticket.reopen", "ticket.rate"}) {
    EXPECT_EQ(error_code(as_agent(op, id, {{"score", 5}})), "forbidden") << op;
  }
  // Nothing the other user tried left a trace.
  const Json ticket = as_user("ticket.get", id)["result"]["ticket"];
  EXPECT_EQ(ticket["status"], "solved");
  EXPECT_TRUE(ticket["rating"].is_null());
  EXPECT_EQ(as_user("ticket.get", id)["result"]["comments"].size(), 0u);
}

TEST_F(ServerTicketLifecycle, ListsPageNewestFirstWithFilters) {
  std::vector<std::string> ids;  // oldest first
  for (int i = 0; i < 5; ++i) {
    ids.push_back(create_id("l" + std::to_string(i), {{"category", i % 2 == 0 ? "orders" : "billing"}}));
  }
  auto other = connect_as(server, "u-2");
  ASSERT_TRUE(is_res(other->request("ticket.create", {{"client_id", "o"}, {"subject", "Theirs"}})));
  ASSERT_TRUE(is_res(as_agent("ticket.set_status", ids[4], {{"status", "pending"}})));

  auto page = [&](Json args) { return user->request("ticket.list", args)["result"]; };
  auto ids_in = [](const Json& result) {
    std::vector<std::string> out;
    for (const auto& t : result["tickets"]) out.push_back(t["id"]);
    return out;
  };
  Json first = page({{"limit", 2}});
  EXPECT_EQ(ids_in(first), (std::vector<std::string>{ids[4], ids[3]}));
  EXPECT_TRUE(first["has_more"]);
  Json second = page({{"limit", 2}, {"before", ids[3]}});
  EXPECT_EQ(ids_in(second), (std::vector<std::string>{ids[2], ids[1]}));
  Json last = page({{"limit", 2}, {"before", ids[1]}});
  EXPECT_EQ(ids_in(last), (std::vector<std::string>{ids[0]}));
  EXPECT_FALSE(last["has_more"]);

  EXPECT_EQ(ids_in(page({{"category", "billing"}})), (std::vector<std::string>{ids[3], ids[1]}));
  EXPECT_EQ(ids_in(page({{"status", Json{"pending"}}})), (std::vector<std::string>{ids[4]}));
  EXPECT_EQ(page({{"status", Json{"open", "pending"}}})["tickets"].size(), 5u);
  EXPECT_EQ(page({{"user_id", "u-2"}})["tickets"].size(), 5u);  // a user sees their own only
  EXPECT_EQ(agent->request("ticket.list", {{"user_id", "u-2"}})["result"]["tickets"].size(), 1u);
  EXPECT_EQ(agent->request("ticket.list")["result"]["tickets"].size(), 6u);

  for (const Json& bad : {Json{{"limit", 0}}, Json{{"limit", 101}}, Json{{"before", "c-1"}},
                          Json{{"status", Json{"open", "done"}}}, Json{{"status", Json{1}}}}) {
    EXPECT_EQ(error_code(user->request("ticket.list", bad)), "bad_request") << bad.dump();
  }
}

}  // namespace
}  // namespace parley::test
