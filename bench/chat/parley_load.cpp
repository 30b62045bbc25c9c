#include "parley_load.hpp"

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "parley/client.hpp"
#include "server_process.hpp"

namespace parley::bench {
namespace {

using namespace std::chrono_literals;

// The CPU time (user + system) a process has used so far, from /proc.
double cpu_seconds(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string field;
  double ticks = 0;
  for (int i = 1; i <= 15 && stat >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

Config config_for(const test::ServerProcess& server, const std::string& token,
                  const std::string& store) {
  Config config;
  config.server_url = server.url();
  config.token = token;
  config.store_path = store;
  config.reconnect_base = 50ms;
  config.reconnect_cap = 500ms;
  return config;
}

void wait_connected(Client& client) {
  const auto deadline = Clock::now() + 10s;
  while (Clock::now() < deadline) {
    auto event = client.poll_event(100ms);
    if (event && event->type == EventType::connection_changed &&
        event->connection == ConnectionState::connected) {
      return;
    }
  }
  throw std::runtime_error("a benchmark client could not connect");
}

}  // namespace

struct ParleyLoad::Impl {
  test::ServerProcess server;
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("parley-chat-bench-" + std::to_string(::getpid()));
  int next_user = 0;
  Impl() { std::filesystem::create_directories(dir); }
  ~Impl() { std::filesystem::remove_all(dir); }
  std::string store(const std::string& name) { return (dir / (name + ".db")).string(); }
};

ParleyLoad::ParleyLoad() : impl_(new Impl) {}
ParleyLoad::~ParleyLoad() { delete impl_; }

ParleyLatency ParleyLoad::latency(int rounds, std::size_t text_bytes) {
  auto& server = impl_->server;
  const std::string user_name = "lat-" + std::to_string(impl_->next_user++);
  Client user(config_for(server, server.mint_token(user_name, user_name), impl_->store(user_name)));
  Client agent(config_for(server, server.mint_token("lat-agent", "Agent", "agent"),
                          impl_->store(user_name + "-agent")));
  wait_connected(user);
  wait_connected(agent);

  // The agent's events on a thread of their own, as an agent app would drain them.
  std::mutex mutex;
  std::map<std::string, Clock::time_point> arrived;
  std::atomic<bool> stop{false};
  std::thread agent_thread([&] {
    while (!stop) {
      auto event = agent.poll_event(50ms);
      if (event && event->type == EventType::message_received) {
        const std::lock_guard lock(mutex);
        arrived[event->messages.at(0).text] = Clock::now();
      }
    }
  });

  std::vector<double> acks, deliveries;
  const std::string padding(text_bytes > 8 ? text_bytes - 8 : 0, 'x');
  for (int i = 0; i < rounds; ++i) {
    const std::string text = std::to_string(100000 + i) + padding;
    const auto start = Clock::now();
    const std::string client_id = user.send_message(text);
    for (;;) {
      auto event = user.poll_event(1s);
      if (event && event->type == EventType::message_sent && event->client_id == client_id) {
        acks.push_back(micros_between(start, Clock::now()));
        break;
      }
    }
    for (;;) {
      {
        const std::lock_guard lock(mutex);
        if (auto it = arrived.find(text); it != arrived.end()) {
          deliveries.push_back(micros_between(start, it->second));
          break;
        }
      }
      std::this_thread::yield();
    }
  }
  stop = true;
  agent_thread.join();
  return ParleyLatency{percentiles(acks), percentiles(deliveries)};
}

ThroughputResult ParleyLoad::throughput(int clients, int messages_per_client,
                                        std::size_t text_bytes) {
  auto& server = impl_->server;
  std::vector<std::unique_ptr<Client>> users;
  for (int c = 0; c < clients; ++c) {
    const std::string name = "tp-" + std::to_string(impl_->next_user++);
    // In-memory stores: on one machine, a thousand devices' disk syncs would be measured
    // instead of the server (the latency rows use file stores, as an app does).
    users.push_back(std::make_unique<Client>(config_for(server, server.mint_token(name, name), "")));
    wait_connected(*users.back());
  }
  const std::string padding(text_bytes > 8 ? text_bytes - 8 : 0, 'x');
  const double cpu_before = cpu_seconds(server.pid());
  const auto start = Clock::now();
  std::vector<std::thread> senders;
  for (auto& user : users) {
    senders.emplace_back([&user, messages_per_client, &padding] {
      int acked = 0;
      for (int i = 0; i < messages_per_client; ++i) {
        user->send_message(std::to_string(100000 + i) + padding);
        while (auto event = user->poll_event(0ms)) acked += event->type == EventType::message_sent;
      }
      while (acked < messages_per_client) {
        auto event = user->poll_event(1s);
        if (event && event->type == EventType::message_sent) ++acked;
      }
    });
  }
  for (auto& t : senders) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  ThroughputResult result;
  result.clients = clients;
  result.messages = clients * messages_per_client;
  result.messages_per_second = result.messages / seconds;
  result.server_cpu_share = (cpu_seconds(server.pid()) - cpu_before) / seconds;
  return result;
}

RawLoadResult ParleyLoad::raw_throughput(int connections, int messages_per_connection,
                                        int window) {
  auto& server = impl_->server;
  std::vector<std::string> tokens;
  for (int c = 0; c < connections; ++c) {
    const std::string name = "raw-" + std::to_string(impl_->next_user++);
    tokens.push_back(server.mint_token(name, name));
  }
  return run_raw_load(server.port(), server.pid(), tokens, messages_per_connection, window);
}

}  // namespace parley::bench
