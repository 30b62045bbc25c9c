// parley-server tickets: create/list/get/comment, deduplication, visibility, kinds and the
// status transitions, with their events.
#include <gtest/gtest.h>

#include "server_test_helpers.hpp"

namespace parley::test {
namespace {

class ServerTickets : public ::testing::Test {
 protected:
  ServerProcess server;
  std::unique_ptr<RawWsClient> user = connect_as(server, "u-1");
  std::unique_ptr<RawWsClient> agent = connect_as(server, "a-1", "agent");

  Json create(const std::string& client_id, const std::string& subject = "Broken screen") {
    return user->request("ticket.create", {{"client_id", client_id},
                                           {"subject", subject},
                                           {"description", "It cracked"},
                                           {"priority", "high"},
                                           {"category", "orders"}});
  }

  Json set_status(const std::string& ticket_id, const std::string& status) {
    return agent->request("ticket.set_status", {{"ticket_id", ticket_id}, {"status", status}});
  }
};

TEST_F(ServerTickets, CreateReturnsTheTicketAndNotifiesUserAndAgents) {
  const Json reply = create("t-client-1");
  ASSERT_TRUE(is_res(reply)) << reply.dump();
  const Json& ticket = reply["result"]["ticket"];
  EXPECT_EQ(ticket["subject"], "Broken screen");
  EXPECT_EQ(ticket["description"], "It cracked");
  EXPECT_EQ(ticket["status"], "open");
  EXPECT_EQ(ticket["priority"], "high");
  EXPECT_EQ(ticket["category"], "orders");
  EXPECT_EQ(ticket["user_id"], "u-1");
  EXPECT_EQ(ticket["client_id"], "t-client-1");
  for (auto* client : {user.get(), agent.get()}) {
    const auto events = events_so_far(*client);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]["name"], "ticket.updated");
    EXPECT_EQ(events[0]["data"]["change"], "created");
    EXPECT_EQ(events[0]["data"]["ticket"], ticket);
  }
}

TEST_F(ServerTickets, RepeatedCreateIsDeduplicated) {
  const Json first = create("same");
  const Json again = create("same");
  ASSERT_TRUE(is_res(first));
  EXPECT_EQ(first["result"], again["result"]);
  EXPECT_EQ(events_so_far(*user).size(), 1u);
  EXPECT_EQ(user->request("ticket.list")["result"]["tickets"].size(), 1u);
}

TEST_F(ServerTickets, DefaultsAndValidation) {
  const Json plain = user->request("ticket.create", {{"client_id", "p"}, {"subject", "Hi"}});
  ASSERT_TRUE(is_res(plain)) << plain.dump();
  EXPECT_EQ(plain["result"]["ticket"]["priority"], "normal");
  EXPECT_EQ(plain["result"]["ticket"]["description"], "");
  EXPECT_EQ(error_code(user->request("ticket.create", {{"client_id", "q"}, {"subject", " "}})),
            "bad_request");
  EXPECT_EQ(error_code(user->request("ticket.create",
                                     {{"client_id", "q"}, {"subject", "x"}, {"priority", "meh"}})),
            "bad_request");
  EXPECT_EQ(error_code(user->request("ticket.create",
                                     {{"client_id", "q"}, {"subject", std::string(513, 's')}})),
            "too_large");
  EXPECT_EQ(error_code(agent->request("ticket.create", {{"client_id", "q"}, {"subject", "x"}})),
            "forbidden");
}

TEST_F(ServerTickets, AnotherUsersTicketIsNotFound) {
  const std::string id = create("mine")["result"]["ticket"]["id"];
  auto other = connect_as(server, "u-2");
  EXPECT_EQ(error_code(other->request("ticket.get", {{"ticket_id", id}})), "not_found");
  EXPECT_EQ(error_code(other->request("ticket.comment",
                                      {{"client_id", "c"}, {"ticket_id", id}, {"text", "hi"}})),
            "not_found");
  EXPECT_EQ(other->request("ticket.list")["result"]["tickets"].size(), 0u);
  EXPECT_EQ(error_code(other->request("ticket.get", {{"ticket_id", "t-424242"}})), "not_found");
  // The agent sees it.
  EXPECT_TRUE(is_res(agent->request("ticket.get", {{"ticket_id", id}})));
}

TEST_F(ServerTickets, CommentsFromBothSidesAreThreadedAndDeduplicated) {
  const std::string id = create("c-ticket")["result"]["ticket"]["id"];
  events_so_far(*user);
  events_so_far(*agent);
  const Json mine = user->request("ticket.comment",
                                  {{"client_id", "uc-1"}, {"ticket_id", id}, {"text", "Any news?"}});
  ASSERT_TRUE(is_res(mine)) << mine.dump();
  const Json again = user->request("ticket.comment",
                                   {{"client_id", "uc-1"}, {"ticket_id", id}, {"text", "Any news?"}});
  EXPECT_EQ(mine["result"], again["result"]);
  const Json theirs = agent->request("ticket.comment",
                                     {{"client_id", "ac-1"}, {"ticket_id", id}, {"text", "Yes!"}});
  ASSERT_TRUE(is_res(theirs)) << theirs.dump();
  EXPECT_EQ(theirs["result"]["comment"]["author"]["kind"], "agent");

  const auto events = events_so_far(*user);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["name"], "ticket.comment");
  EXPECT_EQ(events[0]["data"]["comment"], mine["result"]["comment"]);
  EXPECT_EQ(events[1]["data"]["comment"], theirs["result"]["comment"]);

  const Json got = user->request("ticket.get", {{"ticket_id", id}});
  ASSERT_EQ(got["result"]["comments"].size(), 2u);
  EXPECT_EQ(got["result"]["comments"][0]["text"], "Any news?");
  EXPECT_EQ(got["result"]["comments"][1]["text"], "Yes!");
}

TEST_F(ServerTickets, StatusTransitions) {
  const std::string id = create("s")["result"]["ticket"]["id"];
  events_so_far(*user);
  EXPECT_EQ(error_code(user->request("ticket.set_status", {{"ticket_id", id}, {"status", "solved"}})),
            "forbidden");
  EXPECT_EQ(error_code(set_status(id, "archived")), "bad_request");

  for (const char* status : {"pending", "open", "solved", "closed", "open", "pending", "solved", "open"}) {
    const Json reply = set_status(id, status);
    ASSERT_TRUE(is_res(reply)) << status << ": " << reply.dump();
    EXPECT_EQ(reply["result"]["ticket"]["status"], status);
  }
  ASSERT_TRUE(is_res(set_status(id, "closed")));  // closing needs no solving first
  events_so_far(*user);
  EXPECT_EQ(error_code(set_status(id, "pending")), "conflict");  // closed only reopens
  EXPECT_EQ(error_code(set_status(id, "solved")), "conflict");
  ASSERT_TRUE(is_res(set_status(id, "open")));
  ASSERT_TRUE(is_res(set_status(id, "solved")));
  EXPECT_EQ(error_code(set_status(id, "pending")), "conflict");  // solved reopens first
  EXPECT_EQ(events_so_far(*user).size(), 2u);
  ASSERT_TRUE(is_res(set_status(id, "open")));
  events_so_far(*user);

  // Setting the status it already has changes nothing and sends nothing.
  EXPECT_TRUE(is_res(set_status(id, "open")));
  EXPECT_TRUE(events_so_far(*user).empty());
}

TEST_F(ServerTickets, StatusEventsAndListFilters) {
  const std::string a = create("a", "First")["result"]["ticket"]["id"];
  const std::string b = create("b", "Second")["result"]["ticket"]["id"];
  events_so_far(*user);
  ASSERT_TRUE(is_res(set_status(a, "solved")));
  const auto events = events_so_far(*user);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["data"]["change"], "status");
  EXPECT_EQ(events[0]["data"]["ticket"]["status"], "solved");

  const Json all = user->request("ticket.list");
  ASSERT_EQ(all["result"]["tickets"].size(), 2u);
  EXPECT_EQ(all["result"]["tickets"][0]["id"], b);  // newest first
  const Json solved = user->request("ticket.list", {{"status", "solved"}});
  ASSERT_EQ(solved["result"]["tickets"].size(), 1u);
  EXPECT_EQ(solved["result"]["tickets"][0]["id"], a);
  EXPECT_EQ(error_code(user->request("ticket.list", {{"status", "nope"}})), "bad_request");

  const Json queue = agent->request("agent.queue");
  ASSERT_EQ(queue["result"]["tickets"].size(), 1u);
  EXPECT_EQ(queue["result"]["tickets"][0]["id"], b);
}

}  // namespace
}  // namespace parley::test
