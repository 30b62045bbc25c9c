// Tickets through the real server: the user follows an agent's status changes in order.
#include <gtest/gtest.h>

#include "sdk_test_client.hpp"

namespace parley::test {
namespace {

TEST(SdkTickets, UserSeesPendingThenSolvedInOrder) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  SdkTestClient agent(sdk_config(server, server.mint_token("a-bo", "Bo", "agent")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  ASSERT_TRUE(agent.wait_state(ConnectionState::connected));

  TicketDraft draft;
  draft.subject = "Refund for order 1234";
  draft.description = "The parcel arrived damaged.";
  draft.priority = "high";
  const std::string client_id = user->create_ticket(draft, 7);
  const auto created = user.wait_for(reply_to(EventType::ticket_created, 7));
  ASSERT_TRUE(created);
  ASSERT_TRUE(created->error.ok()) << created->error.message;
  EXPECT_EQ(created->client_id, client_id);
  const Ticket ticket = created->tickets.at(0);
  EXPECT_EQ(ticket.status, "open");
  EXPECT_EQ(ticket.priority, "high");

  // The agent hears of the new ticket as an update ("created").
  const auto noticed = agent.wait_for([&](const Event& e) {
    return e.type == EventType::ticket_updated && e.tickets.at(0).id == ticket.id;
  });
  ASSERT_TRUE(noticed);
  EXPECT_EQ(noticed->change, "created");

  agent->set_ticket_status(ticket.id, "pending", 1);
  const auto pending = agent.wait_for(reply_to(EventType::ticket_status_set, 1));
  ASSERT_TRUE(pending);
  ASSERT_TRUE(pending->error.ok()) << pending->error.message;
  agent->set_ticket_status(ticket.id, "solved", 2);
  const auto solved = agent.wait_for(reply_to(EventType::ticket_status_set, 2));
  ASSERT_TRUE(solved);
  ASSERT_TRUE(solved->error.ok()) << solved->error.message;

  auto updates_of_ticket = [&] {
    return user.events([&](const Event& e) {
      return e.type == EventType::ticket_updated && e.tickets.at(0).id == ticket.id;
    });
  };
  ASSERT_TRUE(wait_until([&] { return updates_of_ticket().size() >= 2; }));
  // A comment round trip: anything duplicated would have arrived before its echo.
  agent->add_comment(ticket.id, "Refund issued.", 3);
  ASSERT_TRUE(user.wait_for(of_type(EventType::ticket_comment)));

  const auto updates = updates_of_ticket();
  ASSERT_EQ(updates.size(), 2u);  // not the echo of the user's own "created"
  EXPECT_EQ(updates[0].tickets.at(0).status, "pending");
  EXPECT_EQ(updates[0].change, "status");
  EXPECT_EQ(updates[1].tickets.at(0).status, "solved");
  EXPECT_EQ(user.events(of_type(EventType::ticket_comment)).size(), 1u);

  user->get_ticket(ticket.id, 9);
  const auto loaded = user.wait_for(reply_to(EventType::ticket_loaded, 9));
  ASSERT_TRUE(loaded);
  ASSERT_TRUE(loaded->error.ok()) << loaded->error.message;
  EXPECT_EQ(loaded->tickets.at(0).status, "solved");
  ASSERT_EQ(loaded->comments.size(), 1u);
  EXPECT_EQ(loaded->comments[0].text, "Refund issued.");
}

TEST(SdkTickets, AnInvalidTransitionIsAConflict) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  SdkTestClient agent(sdk_config(server, server.mint_token("a-bo", "Bo", "agent")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  ASSERT_TRUE(agent.wait_state(ConnectionState::connected));
  TicketDraft draft;
  draft.subject = "Help";
  user->create_ticket(draft, 1);
  const auto created = user.wait_for(reply_to(EventType::ticket_created, 1));
  ASSERT_TRUE(created && created->error.ok());
  // A closed ticket can only be reopened.
  agent->set_ticket_status(created->tickets.at(0).id, "closed", 3);
  ASSERT_TRUE(agent.wait_for(reply_to(EventType::ticket_status_set, 3)));
  agent->set_ticket_status(created->tickets.at(0).id, "pending", 2);
  const auto refused = agent.wait_for(reply_to(EventType::ticket_status_set, 2));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->error.code, ErrorCode::conflict) << refused->error.message;
}

}  // namespace
}  // namespace parley::test
