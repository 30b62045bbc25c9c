// demo-agent: a scripted support agent for the demo, built on the same Parley C++ API as an
// app (with an agent token). It takes each conversation that waits in the queue for a person
// (the bot handed it over, or the user asked; before it connected or after), greets the user
// (typing first, as a person would) and reads what they write; it takes each new ticket (new
// while it was away too) and walks it through pending → solved with a comment, so that a new
// user sees the whole loop happen.
//
//   demo-agent --server ws://127.0.0.1:8787/v1 --token AGENT_TOKEN [--name Sam]
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <parley/client.hpp>

namespace {
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

volatile std::sig_atomic_t g_stop = 0;

struct Scheduled {  // something to do later, as a person would
  Clock::time_point at;
  std::string ticket_id;  // a ticket status change…
  std::string status;
  std::string conversation_id;  // …or a chat reply
  std::string text;
};

}  // namespace

int main(int argc, char** argv) {
  parley::Config config;
  config.server_url = "ws://127.0.0.1:8787/v1";
  config.app = "demo-agent/0.1";
  std::string name = "Sam";
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--server") config.server_url = argv[i + 1];
    else if (a == "--token") config.token = argv[i + 1];
    else if (a == "--name") name = argv[i + 1];
  }
  if (config.token.empty()) {
    std::cerr << "usage: demo-agent --token AGENT_TOKEN [--server URL] [--name NAME]\n";
    return 2;
  }
  std::signal(SIGTERM, [](int) { g_stop = 1; });
  std::signal(SIGINT, [](int) { g_stop = 1; });

  try {
    parley::Client client(config);
    std::vector<Scheduled> later;
    std::set<std::string> taken;  // conversations and tickets this agent has taken
    // A user waits for a person: take the conversation and greet them, typing first.
    const auto take_and_greet = [&](const std::vector<parley::Conversation>& waiting) {
      for (const auto& c : waiting) {
        if (!taken.insert(c.id).second) continue;
        client.agent_take(c.id);
        client.set_typing(c.id, true);
        later.push_back({Clock::now() + 800ms, {}, {}, c.id,
                         "Hi, " + name + " here from support. I've read your message — if it's "
                         "about an order, opening a ticket with a photo gets it solved fastest."});
      }
    };
    // A new ticket: take it, say so, and walk it through pending → solved.
    const auto take_and_solve = [&](const std::vector<parley::Ticket>& tickets) {
      for (const auto& t : tickets) {
        if (!taken.insert(t.id).second) continue;
        client.take_ticket(t.id);
        client.add_comment(t.id, "Thanks, I'm looking into \"" + t.subject + "\" now.");
        later.push_back({Clock::now() + 1s, t.id, "pending", {}, {}});
        later.push_back({Clock::now() + 3s, t.id, "solved", {}, {}});
      }
    };
    while (!g_stop) {
      for (auto it = later.begin(); it != later.end();) {
        if (Clock::now() < it->at) {
          ++it;
          continue;
        }
        if (!it->ticket_id.empty()) client.set_ticket_status(it->ticket_id, it->status);
        if (!it->conversation_id.empty()) client.agent_reply(it->conversation_id, it->text);
        it = later.erase(it);
      }
      auto ev = client.poll_event(200ms);
      if (!ev) continue;
      using T = parley::EventType;
      if (ev->type == T::connection_changed && ev->connection == parley::ConnectionState::connected) {
        // The feed tells what changes from now on (an agent new to it is not replayed what
        // came before, and a long absence may end in a resync): who already waits is read from
        // the queue, as an agent's app does on each connect.
        client.agent_queue();
      } else if (ev->type == T::agent_queue_loaded && ev->error.ok()) {
        // The lists hold every open conversation and every open or pending ticket.
        std::vector<parley::Conversation> waiting;
        for (const auto& c : ev->conversations) {
          if (c.queue_position > 0) waiting.push_back(c);
        }
        std::sort(waiting.begin(), waiting.end(), [](const auto& a, const auto& b) {
          return a.queue_position < b.queue_position;  // who has waited longest first
        });
        take_and_greet(waiting);
        std::vector<parley::Ticket> untaken;
        for (const auto& t : ev->tickets) {
          if (t.status == "open" && t.assignee.id.empty()) untaken.push_back(t);
        }
        take_and_solve(untaken);
      } else if (ev->type == T::conversation_updated && ev->change == "queued") {
        take_and_greet(ev->conversations);
      } else if (ev->type == T::message_received) {
        for (const auto& m : ev->messages) {
          if (m.author.kind == "user" && taken.contains(m.conversation_id)) {
            client.mark_read(m.conversation_id, m.id);
          }
        }
      } else if (ev->type == T::ticket_updated && ev->change == "created") {
        take_and_solve(ev->tickets);
      } else if (!ev->error.ok() && ev->type != T::connection_changed) {
        std::cerr << "demo-agent: " << parley::to_string(ev->type) << ": " << ev->error.message << "\n";
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "demo-agent: " << e.what() << "\n";
    return 1;
  }
}
