// The ticket life cycle through the SDK and the real server: the schema the device keeps and
// checks drafts against, metadata filled in by itself, the user closing, reopening and rating
// (through the outbox, offline too, exactly once), the agent's priority and taking a ticket,
// pages, and the tickets the device keeps for offline reading.
#include <gtest/gtest.h>

#include "../unit/sdk_temp_dir.hpp"
#include "sdk_test_client.hpp"

namespace parley::test {
namespace {

EventFilter ticket_change(const std::string& id, const std::string& change) {
  return [id, change](const Event& e) {
    return e.type == EventType::ticket_updated && e.tickets.at(0).id == id && e.change == change;
  };
}

Ticket created_ticket(SdkTestClient& user, const TicketDraft& draft, std::uint64_t tag) {
  user->create_ticket(draft, tag);
  const auto created = user.wait_for(reply_to(EventType::ticket_created, tag));
  EXPECT_TRUE(created && created->error.ok()) << (created ? created->error.message : "no reply");
  return created ? created->tickets.at(0) : Ticket{};
}

TEST(SdkTicketLifecycle, TheSchemaComesByItselfAndDraftsAreCheckedAgainstIt) {
  ServerProcess server;
  SdkTempDir dir;
  const auto store = dir.file("user.db");
  {
    Config config = sdk_config(server, server.mint_token("u-ann", "Ann"), store);
    config.os = "Android 15";
    config.device = "Pixel 9";
    SdkTestClient user(config);
    const auto schema = user.wait_for(reply_to(EventType::ticket_schema_loaded, 0));
    ASSERT_TRUE(schema);
    ASSERT_EQ(schema->ticket_schema.fields.size(), 4u);
    EXPECT_EQ(schema->ticket_schema.fields[1].key, "quantity");
    EXPECT_EQ(*schema->ticket_schema.fields[1].max, 99.0);
    EXPECT_EQ(schema->ticket_schema.categories.at(0).id, "orders");

    TicketDraft draft;
    draft.subject = "Wrong colour";
    draft.category = "orders";
    draft.fields = {{"quantity", "100"}};
    try {
      user->create_ticket(draft);
      ADD_FAILURE() << "a quantity above the field's max was accepted";
    } catch (const Exception& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
      EXPECT_NE(std::string(e.what()).find("quantity"), std::string::npos) << e.what();
    }
    draft.fields = {{"quantity", "1"}, {"contact", "phone"}};
    draft.metadata = {{"cart", "C-9"}, {"locale", "en-GB"}};
    const Ticket ticket = created_ticket(user, draft, 1);
    EXPECT_EQ(ticket.fields, draft.fields);
    EXPECT_EQ(ticket.metadata.at("cart"), "C-9");
    EXPECT_EQ(ticket.metadata.at("locale"), "en-GB");  // the app's value wins
    EXPECT_EQ(ticket.metadata.at("app"), "com.example.tests");
    EXPECT_EQ(ticket.metadata.at("app_version"), "1.0");
    EXPECT_EQ(ticket.metadata.at("os"), "Android 15");
    EXPECT_EQ(ticket.metadata.at("device"), "Pixel 9");
    EXPECT_EQ(ticket.metadata.at("platform"), "linux");
    EXPECT_EQ(ticket.metadata.at("sdk").rfind("parley-cpp/", 0), 0u);
  }
  // The next start knows the schema before any network, and says nothing new of it.
  server.stop();
  SdkTestClient offline(sdk_config(server, server.mint_token("u-ann", "Ann"), store));
  EXPECT_EQ(offline->cached_ticket_schema().fields.size(), 4u);
  TicketDraft draft;
  draft.subject = "Offline";
  draft.fields = {{"gift", "maybe"}};
  EXPECT_THROW(offline->create_ticket(draft), Exception);
  const auto cached = offline->cached_tickets();
  ASSERT_EQ(cached.size(), 1u);
  EXPECT_EQ(cached[0].fields.at("contact"), "phone");
  EXPECT_EQ(cached[0].metadata.at("device"), "Pixel 9");
  server.start();
  ASSERT_TRUE(offline.wait_state(ConnectionState::connected));
  offline->load_ticket_schema(5);
  ASSERT_TRUE(offline.wait_for(reply_to(EventType::ticket_schema_loaded, 5)));
  EXPECT_TRUE(offline.events(reply_to(EventType::ticket_schema_loaded, 0)).empty());
}

TEST(SdkTicketLifecycle, SolvedRatedClosedAndReopenedInRealTimeOnBothSides) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  SdkTestClient agent(sdk_config(server, server.mint_token("a-bo", "Bo", "agent")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  ASSERT_TRUE(agent.wait_state(ConnectionState::connected));
  TicketDraft draft;
  draft.subject = "Parcel damaged";
  const Ticket ticket = created_ticket(user, draft, 1);

  agent->take_ticket(ticket.id, 2);
  const auto taken = agent.wait_for(reply_to(EventType::ticket_changed, 2));
  ASSERT_TRUE(taken && taken->error.ok());
  EXPECT_EQ(taken->change, "assigned");
  EXPECT_EQ(taken->tickets.at(0).assignee.name, "Bo");
  const auto assigned = user.wait_for(ticket_change(ticket.id, "assigned"));
  ASSERT_TRUE(assigned);
  EXPECT_EQ(assigned->tickets.at(0).assignee.id, "a-bo");
  agent->set_ticket_priority(ticket.id, "urgent", 3);
  ASSERT_TRUE(agent.wait_for(reply_to(EventType::ticket_changed, 3)));
  ASSERT_TRUE(user.wait_for(ticket_change(ticket.id, "priority")));

  agent->add_comment(ticket.id, "A new one is on its way.", 4);
  agent->set_ticket_status(ticket.id, "solved", 5);
  ASSERT_TRUE(user.wait_for(of_type(EventType::ticket_comment)));
  const auto solved = user.wait_for(ticket_change(ticket.id, "status"));
  ASSERT_TRUE(solved);
  EXPECT_EQ(solved->tickets.at(0).status, "solved");

  user->rate_ticket(ticket.id, 5, "Fast and friendly", 6);
  const auto rated = user.wait_for(reply_to(EventType::ticket_changed, 6));
  ASSERT_TRUE(rated);
  ASSERT_TRUE(rated->error.ok()) << rated->error.message;
  EXPECT_EQ(rated->change, "rated");
  EXPECT_EQ(rated->tickets.at(0).rating.score, 5);
  const auto agent_sees = agent.wait_for(ticket_change(ticket.id, "rated"));
  ASSERT_TRUE(agent_sees);
  EXPECT_EQ(agent_sees->tickets.at(0).rating.comment, "Fast and friendly");
  EXPECT_EQ(user.events(ticket_change(ticket.id, "rated")).size(), 0u);  // its own reply only

  user->close_ticket(ticket.id, 7);
  const auto closed = user.wait_for(reply_to(EventType::ticket_changed, 7));
  ASSERT_TRUE(closed && closed->error.ok());
  EXPECT_EQ(closed->tickets.at(0).status, "closed");
  user->add_comment(ticket.id, "One more thing", 8);
  const auto refused = user.wait_for(reply_to(EventType::comment_added, 8));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->error.code, ErrorCode::conflict);
  user->cancel_message(refused->client_id);

  user->reopen_ticket(ticket.id, 9);
  const auto reopened = user.wait_for(reply_to(EventType::ticket_changed, 9));
  ASSERT_TRUE(reopened && reopened->error.ok());
  EXPECT_EQ(reopened->tickets.at(0).status, "open");
  EXPECT_EQ(reopened->tickets.at(0).rating.score, 5);
  const auto agent_reopened = agent.wait_for([&](const Event& e) {
    return e.type == EventType::ticket_updated && e.tickets.at(0).status == "open" &&
           e.change == "status";
  });
  EXPECT_TRUE(agent_reopened);
  EXPECT_EQ(user->outbox_size(), 0u);
}

TEST(SdkTicketLifecycle, ChangesMadeOfflineReachTheServerOnceInOrder) {
  ServerProcess server;
  SdkTempDir dir;
  SdkTestClient agent(sdk_config(server, server.mint_token("a-bo", "Bo", "agent")));
  ASSERT_TRUE(agent.wait_state(ConnectionState::connected));
  auto user = std::make_unique<SdkTestClient>(
      sdk_config(server, server.mint_token("u-ann", "Ann"), dir.file("user.db")));
  ASSERT_TRUE(user->wait_state(ConnectionState::connected));
  TicketDraft draft;
  draft.subject = "Charged twice";
  const Ticket ticket = created_ticket(*user, draft, 1);
  agent->set_ticket_status(ticket.id, "solved", 2);
  ASSERT_TRUE((*user).wait_for(ticket_change(ticket.id, "status")));

  // Offline: a new ticket, a rating and a close wait in the outbox, across an app restart.
  const std::size_t agent_events_before = agent.events().size();
  server.stop();
  TicketDraft later;
  later.subject = "Written on the train";
  (*user)->create_ticket(later, 3);
  (*user)->rate_ticket(ticket.id, 2, "Took long", 4);
  (*user)->close_ticket(ticket.id, 5);
  EXPECT_EQ((*user)->outbox_size(), 3u);
  user.reset();
  server.start();
  SdkTestClient back(sdk_config(server, server.mint_token("u-ann", "Ann"), dir.file("user.db")));
  ASSERT_TRUE(wait_until([&] { return back->outbox_size() == 0; }));
  ASSERT_TRUE(back.wait_for(reply_to(EventType::ticket_changed, 5)));

  ASSERT_TRUE(agent.wait_state(ConnectionState::connected, agent_events_before));
  // The close is the last change: once the agent has it, it has all of them.
  ASSERT_TRUE(agent.wait_for([&](const Event& e) {
    return e.type == EventType::ticket_updated && e.tickets.at(0).id == ticket.id &&
           e.tickets.at(0).status == "closed";
  }));
  agent->list_tickets(TicketQuery{}, 6);
  const auto all = agent.wait_for(reply_to(EventType::tickets_listed, 6));
  ASSERT_TRUE(all);
  ASSERT_TRUE(all->error.ok()) << all->error.message;
  ASSERT_EQ(all->tickets.size(), 2u);  // the offline ticket exactly once
  EXPECT_EQ(all->tickets[0].subject, "Written on the train");
  EXPECT_EQ(all->tickets[1].status, "closed");
  EXPECT_EQ(all->tickets[1].rating.score, 2);
  EXPECT_EQ(all->tickets[1].rating.comment, "Took long");
  // The agent saw each change once: created, rated, closed (plus the two before).
  EXPECT_EQ(agent.events(ticket_change(ticket.id, "rated")).size(), 1u);
  EXPECT_EQ(agent.events([&](const Event& e) {
              return e.type == EventType::ticket_updated && e.change == "created";
            }).size(),
            2u);
}

TEST(SdkTicketLifecycle, PagesOfTicketsWithFilters) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    TicketDraft draft;
    draft.subject = "Ticket " + std::to_string(i);
    draft.category = i < 2 ? "billing" : "orders";
    ids.push_back(created_ticket(user, draft, 10 + i).id);
  }
  TicketQuery query;
  query.limit = 2;
  std::vector<std::string> seen;
  for (std::uint64_t tag = 20;; ++tag) {
    user->list_tickets(query, tag);
    const auto page = user.wait_for(reply_to(EventType::tickets_listed, tag));
    ASSERT_TRUE(page && page->error.ok());
    for (const auto& t : page->tickets) seen.push_back(t.id);
    if (!page->has_more) break;
    query.before_ticket_id = page->tickets.back().id;
    ASSERT_LT(tag, 30u);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{ids[4], ids[3], ids[2], ids[1], ids[0]}));

  TicketQuery billing;
  billing.category = "billing";
  user->list_tickets(billing, 40);
  const auto filtered = user.wait_for(reply_to(EventType::tickets_listed, 40));
  ASSERT_TRUE(filtered);
  ASSERT_EQ(filtered->tickets.size(), 2u);
  EXPECT_FALSE(filtered->has_more);
  TicketQuery bad;
  bad.limit = 0;
  EXPECT_THROW(user->list_tickets(bad), Exception);
}

}  // namespace
}  // namespace parley::test
