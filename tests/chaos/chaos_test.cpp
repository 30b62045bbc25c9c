// The chaos test: users in processes of their own and an agent exchange thousands of messages
// through a proxy that cuts, stalls, delays and splits their connections, while the server is
// SIGKILLed and restarted twice and one user's process is SIGKILLed and restarted. At the end,
// from both ends and from the server's own storage: every message exactly once, in order,
// every outbox empty, every reply received once.
//
// Replay a failure: PARLEY_CHAOS_SEED=<the seed printed> ctest -R Chaos --output-on-failure
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "../unit/sdk_temp_dir.hpp"
#include "child_process.hpp"
#include "fault_proxy.hpp"
#include "parley/client.hpp"
#include "raw_ws_client.hpp"
#include "server_process.hpp"
#include "wait.hpp"

namespace parley::test {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

constexpr int kUsers = 4;
constexpr int kMessagesPerUser = 400;
constexpr int kTotal = kUsers * kMessagesPerUser;
constexpr int kKilledUser = 0;  // the one whose process is SIGKILLed and restarted
// Bounds a run that stopped making progress; below the CTest TIMEOUT (tests/chaos/CMakeLists.txt)
// so that such a run still reports what each side holds. A good run needs a fraction of it.
constexpr auto kBudget = 420s;

std::uint64_t chaos_seed() {
  if (const char* fixed = std::getenv("PARLEY_CHAOS_SEED")) return std::strtoull(fixed, nullptr, 10);
  return std::random_device{}();
}

FaultProfile chaotic() {
  FaultProfile p;
  p.cuts_per_second = 0.4;
  p.stalls_per_second = 0.3;
  p.max_stall = 1500ms;
  p.delay_probability = 0.05;
  p.max_delay = 20ms;
  p.max_piece = 700;
  return p;
}

// Support, in this process: answers every user message with "re:" + its text.
class ChaosAgent {
 public:
  explicit ChaosAgent(Config config) : client_(std::move(config)) {
    thread_ = std::thread([this] { run(); });
  }
  ~ChaosAgent() {
    stop_ = true;
    thread_.join();
  }
  Client& client() { return client_; }
  int replied() const { return replied_; }
  bool welcomed() const { return welcomed_; }
  std::map<std::string, int> seen() const {
    const std::lock_guard lock(mutex_);
    return seen_;
  }
  std::map<std::string, int> stored() const {
    const std::lock_guard lock(mutex_);
    return stored_;
  }
  std::vector<std::string> errors() const {
    const std::lock_guard lock(mutex_);
    return errors_;
  }

 private:
  void run() {
    while (!stop_) {
      auto event = client_.poll_event(20ms);
      if (event && event->type == EventType::connection_changed &&
          event->connection == ConnectionState::connected) {
        welcomed_ = true;
      }
      if (!event) continue;
      if (!event->error.ok() && event->type != EventType::connection_changed) {
        const std::lock_guard lock(mutex_);
        errors_.push_back(std::string(to_string(event->type)) + ": " + event->error.message);
        continue;
      }
      if (event->type == EventType::message_sent) {
        const std::lock_guard lock(mutex_);
        ++stored_[event->messages.at(0).id];
        continue;
      }
      if (event->type != EventType::message_received) continue;
      const Message& m = event->messages.at(0);
      {
        const std::lock_guard lock(mutex_);
        if (++seen_[m.id] > 1) continue;  // counted; the test fails on it
      }
      if (m.author.kind != "user") continue;
      client_.agent_reply(m.conversation_id, "re:" + m.text);
      ++replied_;
    }
  }

  Client client_;
  mutable std::mutex mutex_;
  std::map<std::string, int> seen_;    // message_received per message id
  std::map<std::string, int> stored_;  // message_sent per message id
  std::vector<std::string> errors_;    // failed events, none expected
  std::atomic<int> replied_{0};
  std::atomic<bool> welcomed_{false};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

struct Line {
  std::string kind, id, text;
};

std::vector<Line> read_log(const std::string& path) {
  std::vector<Line> lines;
  std::ifstream in(path);
  std::string kind, id, text;
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    Line l;
    fields >> l.kind >> l.id >> l.text;
    lines.push_back(l);
  }
  return lines;
}

// The server's own record of a conversation, oldest first, read past the proxy.
std::vector<Json> server_history(RawWsClient& auditor, const std::string& conversation) {
  std::vector<Json> all;
  Json before;
  for (;;) {
    Json args{{"conversation_id", conversation}, {"limit", 100}};
    if (!before.is_null()) args["before"] = before;
    const Json page = auditor.request("chat.history", args);
    EXPECT_EQ(page.value("type", ""), "res") << page.dump();
    const auto& messages = page["result"]["messages"];
    all.insert(all.begin(), messages.begin(), messages.end());
    if (!page["result"].value("has_more", false) || messages.empty()) return all;
    before = messages.front()["id"];
  }
}

// What each side holds, for a run that did not settle.
std::string describe(const ServerProcess& server, const SdkTempDir& dir) {
  std::ostringstream out;
  RawWsClient auditor;
  if (!auditor.connect(server.url())) return "the server does not answer";
  auditor.hello(server.mint_token("a-audit", "Auditor", "agent"));
  const Json listed = auditor.request("chat.conversations");
  for (const auto& conversation : listed["result"]["conversations"]) {
    const std::string name = conversation["user_id"];
    const auto history = server_history(auditor, conversation["id"]);
    std::set<std::string> texts;
    for (const auto& m : history) texts.insert(m["text"].get<std::string>());
    out << name << ": server has " << history.size() << " messages;";
    for (int k = 1; k <= kMessagesPerUser; ++k) {
      const std::string q = name + "#" + std::to_string(k);
      if (!texts.count(q)) out << " missing " << q << ";";
      else if (!texts.count("re:" + q)) out << " unanswered " << q << ";";
    }
    int starts = 0;
    std::size_t received = 0, sent = 0;
    std::string errors;
    for (const auto& line : read_log(dir.file(name + ".log"))) {
      starts += line.kind == "start";
      received += line.kind == "recv";
      sent += line.kind == "sent";
      if (line.kind == "error") errors += " [" + line.id + " " + line.text + "]";
    }
    out << " device: " << starts << " start(s), " << sent << " sent, " << received << " received"
        << errors << "\n";
  }
  return out.str();
}

TEST(Chaos, NothingLostNothingRepeatedOrderKeptThroughCutsStallsAndKills) {
  const std::uint64_t seed = chaos_seed();
  std::printf("chaos seed: %llu (replay with PARLEY_CHAOS_SEED=%llu)\n",
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
  std::fflush(stdout);
  SCOPED_TRACE("chaos seed " + std::to_string(seed));

  ServerOptions options;
  options.extra_args = {"--heartbeat-ms", "500"};
  ServerProcess server(options);
  FaultProxy proxy(server.port(), seed);
  proxy.set_profile(chaotic());
  SdkTempDir dir;

  Config agent_config;
  agent_config.server_url = proxy.url();
  agent_config.token = server.mint_token("a-chaos", "Chaos Agent", "agent");
  agent_config.reconnect_base = 50ms;
  agent_config.reconnect_cap = 500ms;
  agent_config.request_timeout = 3000ms;
  ChaosAgent agent(agent_config);
  // Events go to the agents that exist when a message is stored: the agent signs in first.
  ASSERT_TRUE(wait_until([&] { return agent.welcomed(); }, 30s));

  std::vector<std::unique_ptr<ChildProcess>> users;
  for (int u = 0; u < kUsers; ++u) {
    const std::string name = "u" + std::to_string(u);
    users.push_back(std::make_unique<ChildProcess>(
        PARLEY_CHAOS_CLIENT_BIN,
        std::vector<std::string>{"--url", proxy.url(), "--token", server.mint_token(name, name),
                                 "--store", dir.file(name + ".db"), "--name", name, "--count",
                                 std::to_string(kMessagesPerUser), "--log", dir.file(name + ".log")}));
    users.back()->start();
  }

  // The faults on a schedule of progress, not of time: each comes when the agent has answered
  // that share of all messages. One deadline bounds the whole run.
  const auto give_up = std::chrono::steady_clock::now() + kBudget;
  auto left = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
  };
  auto stuck = [&](const std::string& stage) {
    return "stuck " + stage + "; agent replied " + std::to_string(agent.replied()) + ", its outbox " +
           std::to_string(agent.client().outbox_size()) + "\n" + describe(server, dir);
  };
  auto progress = [&](double share) {
    return wait_until([&] { return agent.replied() >= share * kTotal; }, left());
  };
  ASSERT_TRUE(progress(0.2)) << stuck("before the first server kill");
  server.kill();
  server.start();
  ASSERT_TRUE(progress(0.4)) << stuck("after the first server kill");
  users[kKilledUser]->kill();
  users[kKilledUser]->start();
  ASSERT_TRUE(progress(0.6)) << stuck("after the user process kill");
  server.kill();
  server.start();
  ASSERT_TRUE(progress(0.8)) << stuck("after the second server kill");
  proxy.set_profile(FaultProfile::clean());
  const bool settled = wait_until(
      [&] {
        for (auto& user : users) {
          if (!user->exited()) return false;
        }
        return agent.client().outbox_size() == 0;
      },
      left());
  ASSERT_TRUE(settled) << stuck("settling on a clean network");
  for (int u = 0; u < kUsers; ++u) EXPECT_EQ(users[u]->exit_status(), 0) << "user " << u;

  const auto counts = proxy.counts();
  std::printf("chaos: %llu connections, %llu cuts, %llu stalls, %llu delays, %llu pieces\n",
              static_cast<unsigned long long>(counts.connections),
              static_cast<unsigned long long>(counts.cuts),
              static_cast<unsigned long long>(counts.stalls),
              static_cast<unsigned long long>(counts.delays),
              static_cast<unsigned long long>(counts.pieces));
  EXPECT_GT(counts.cuts + counts.stalls, 0u);  // the run was not a quiet one

  // The server's record, read directly.
  RawWsClient auditor;
  ASSERT_TRUE(auditor.connect(server.url()));
  ASSERT_EQ(auditor.hello(server.mint_token("a-audit", "Auditor", "agent")).value("type", ""), "res");
  const Json listed = auditor.request("chat.conversations");
  ASSERT_EQ(listed["result"]["conversations"].size(), static_cast<std::size_t>(kUsers));

  for (const auto& conversation : listed["result"]["conversations"]) {
    const std::string id = conversation["id"];
    const std::string name = conversation["user_id"];
    SCOPED_TRACE("conversation " + id + " of " + name);
    const auto history = server_history(auditor, id);

    // Every message once, in the order written, each answered once after it was asked.
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < history.size(); ++i) {
      const std::string text = history[i]["text"];
      EXPECT_TRUE(position.emplace(text, i).second) << "twice: " << text;
    }
    int last_question = 0;
    for (std::size_t i = 0; i < history.size(); ++i) {
      const std::string text = history[i]["text"];
      if (text.rfind(name + "#", 0) != 0) continue;
      const int k = std::atoi(text.c_str() + name.size() + 1);
      EXPECT_EQ(k, last_question + 1) << "out of order at " << text;
      last_question = k;
    }
    EXPECT_EQ(last_question, kMessagesPerUser);
    for (int k = 1; k <= kMessagesPerUser; ++k) {
      const std::string question = name + "#" + std::to_string(k);
      const auto asked = position.find(question);
      const auto answered = position.find("re:" + question);
      ASSERT_NE(asked, position.end()) << "lost: " << question;
      ASSERT_NE(answered, position.end()) << "unanswered: " << question;
      EXPECT_LT(asked->second, answered->second) << question;
    }
    EXPECT_EQ(history.size(), 2u * kMessagesPerUser);

    // The user's device ends with exactly the server's conversation (its outbox was empty: the
    // process exits only then). Over all its lives it was told once of each of its messages
    // stored (message_sent) and of each reply (message_received), with the server's id — at
    // most once for the process that was killed, as an event not yet polled dies with it.
    std::vector<std::string> server_ids, device_ids, agent_ids;
    std::map<std::string, std::string> id_of;  // text → the server's id
    for (const auto& m : history) {
      server_ids.push_back(m["id"]);
      id_of[m["text"]] = m["id"];
    }
    std::map<std::string, int> sent, received;  // text → events
    for (const auto& line : read_log(dir.file(name + ".log"))) {
      if (line.kind == "final") device_ids.push_back(line.id);
      if (line.kind == "error") ADD_FAILURE() << "error event: " << line.id << " " << line.text;
      if (line.kind != "sent" && line.kind != "recv") continue;
      const bool own = line.text.rfind(name + "#", 0) == 0;
      EXPECT_EQ(own, line.kind == "sent") << line.kind << " " << line.text;
      EXPECT_EQ(id_of[line.text], line.id) << line.kind << " " << line.text;
      ++(own ? sent : received)[line.text];
    }
    EXPECT_EQ(device_ids, server_ids);
    const bool killed = name == "u" + std::to_string(kKilledUser);
    for (int k = 1; k <= kMessagesPerUser; ++k) {
      const std::string question = name + "#" + std::to_string(k);
      const std::string reply = "re:" + question;
      if (killed) {
        EXPECT_LE(sent[question], 1) << "message_sent for " << question;
        EXPECT_LE(received[reply], 1) << "message_received for " << reply;
      } else {
        EXPECT_EQ(sent[question], 1) << "message_sent for " << question;
        EXPECT_EQ(received[reply], 1) << "message_received for " << reply;
      }
    }
    for (const auto& m : agent.client().cached_messages(id)) agent_ids.push_back(m.id);
    EXPECT_EQ(agent_ids, server_ids);

    // The agent was told once of each user message and once of each of its replies stored.
    const auto seen = agent.seen();
    const auto stored = agent.stored();
    for (const auto& m : history) {
      const bool reply = m["author"]["kind"] != "user";
      const auto& events = reply ? stored : seen;
      const auto found = events.find(m["id"]);
      EXPECT_EQ(found == events.end() ? 0 : found->second, 1)
          << (reply ? "message_sent for " : "message_received for ") << m["text"];
    }
  }
  for (const auto& error : agent.errors()) ADD_FAILURE() << "agent error event: " << error;

  // The agent was told of each message once, and answered each user message once.
  for (const auto& [id, times] : agent.seen()) EXPECT_EQ(times, 1) << id;
  EXPECT_EQ(agent.replied(), kTotal);
}

}  // namespace
}  // namespace parley::test
