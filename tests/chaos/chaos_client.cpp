// chaos_client: one app user for the chaos test, in a process of its own so that the test can
// SIGKILL it and start it again on the same store. It sends NAME#1..NAME#N to support, at most
// kInFlight unacknowledged at a time, logs what it is told, and once every message is stored
// and answered ("re:NAME#k" from the agent), and it was told of each, writes its cached
// conversation and exits 0.
//
//   chaos_client --url URL --token TOKEN --store FILE --name NAME --count N --log FILE
//
// Log lines (appended, flushed one by one): "recv <id> <text>" per message_received,
// "sent <id> <text>" per successful message_sent, "error <event> <message>" per failed event,
// "final <id> <text>" per cached message at the end, "start <k>" at each start.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "parley/client.hpp"

namespace {

using namespace std::chrono_literals;
constexpr std::size_t kInFlight = 32;

std::map<std::string, std::string> parse_args(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  return args;
}

// Every message the device holds: the conversations' and the pending ones without one yet.
std::vector<parley::Message> all_cached(parley::Client& client) {
  std::vector<parley::Message> all = client.cached_messages("");
  for (const auto& c : client.cached_conversations()) {
    for (auto& m : client.cached_messages(c.id)) all.push_back(std::move(m));
  }
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  auto args = parse_args(argc, argv);
  for (const char* key : {"--url", "--token", "--store", "--name", "--count", "--log"}) {
    if (args[key].empty()) {
      std::fprintf(stderr, "chaos_client: %s is required\n", key);
      return 2;
    }
  }
  const std::string name = args["--name"];
  const int count = std::atoi(args["--count"].c_str());
  std::FILE* log = std::fopen(args["--log"].c_str(), "a");
  if (log == nullptr) return 2;

  parley::Config config;
  config.server_url = args["--url"];
  config.token = args["--token"];
  config.store_path = args["--store"];
  config.reconnect_base = 50ms;
  config.reconnect_cap = 500ms;
  config.request_timeout = 3000ms;
  parley::Client client(config);

  // Where the last life of this process stopped: a write is on disk when send_message returns,
  // and they are made in order, so the highest number on the device is the last one made.
  int next = 1;
  // Messages the device held with a server id at start: the events about them belong to an
  // earlier life. Every other message gets an event in this one (message_sent for a pending
  // write, message_received for news), and the process waits for each before it exits.
  std::set<std::string> known;
  for (const auto& m : all_cached(client)) {
    if (m.text.rfind(name + "#", 0) == 0) next = std::max(next, std::atoi(m.text.c_str() + name.size() + 1) + 1);
    if (!m.id.empty()) known.insert(m.id);
  }
  std::set<std::string> told;  // message ids this life was told of
  std::fprintf(log, "start %d\n", next);
  std::fflush(log);

  auto last_check = std::chrono::steady_clock::now();
  for (;;) {
    while (auto event = client.poll_event(next <= count ? 0ms : 20ms)) {
      const bool ok = event->error.ok();
      if (ok && (event->type == parley::EventType::message_received ||
                 event->type == parley::EventType::message_sent)) {
        const auto& m = event->messages.at(0);
        const char* kind = event->type == parley::EventType::message_sent ? "sent" : "recv";
        std::fprintf(log, "%s %s %s\n", kind, m.id.c_str(), m.text.c_str());
        std::fflush(log);
        told.insert(m.id);
      } else if (!ok && event->type != parley::EventType::connection_changed) {
        std::fprintf(log, "error %s %s\n", parley::to_string(event->type), event->error.message.c_str());
        std::fflush(log);
      }
    }
    if (next <= count && client.outbox_size() < kInFlight) {
      client.send_message(name + "#" + std::to_string(next));
      ++next;
      continue;
    }
    const auto now = std::chrono::steady_clock::now();
    if (next <= count || now - last_check < 200ms) continue;
    last_check = now;
    if (client.outbox_size() != 0) continue;
    const auto cached = all_cached(client);
    std::size_t replies = 0;
    bool all_told = true;
    for (const auto& m : cached) {
      replies += m.text.rfind("re:" + name + "#", 0) == 0 ? 1 : 0;
      // Stored moments before its event is queued, or queued after the last poll.
      all_told = all_told && (known.count(m.id) != 0 || told.count(m.id) != 0);
    }
    if (replies < static_cast<std::size_t>(count) || !all_told) continue;
    for (const auto& m : cached) std::fprintf(log, "final %s %s\n", m.id.c_str(), m.text.c_str());
    std::fflush(log);
    std::fclose(log);
    return 0;
  }
}
