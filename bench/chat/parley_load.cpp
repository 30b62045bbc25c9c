#include "parley_load.hpp"

#include <sched.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
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

// Pins every thread of the server to the machine's last CPU, so that "messages per second"
// means through one server core whatever the scheduler would do. Returns the CPU, or -1.
int pin_to_last_cpu(int pid) {
  const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  if (cpus < 2) return -1;  // one CPU: nothing to choose
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(static_cast<int>(cpus - 1), &set);
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    if (sched_setaffinity(std::stoi(task.path().filename().string()), sizeof set, &set) != 0) return -1;
  }
  return ec ? -1 : static_cast<int>(cpus - 1);
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
  int pinned_cpu = pin_to_last_cpu(server.pid());
  Impl() { std::filesystem::create_directories(dir); }
  ~Impl() { std::filesystem::remove_all(dir); }
  std::string store(const std::string& name) { return (dir / (name + ".db")).string(); }
};

ParleyLoad::ParleyLoad() : impl_(new Impl) {}
ParleyLoad::~ParleyLoad() { delete impl_; }

int ParleyLoad::server_cpu() const { return impl_->pinned_cpu; }

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
  std::condition_variable arrival;  // no spinning: on two cores a spinner slows what it measures
  std::map<std::string, Clock::time_point> arrived;
  std::atomic<bool> stop{false};
  std::thread agent_thread([&] {
    while (!stop) {
      auto event = agent.poll_event(50ms);
      if (event && event->type == EventType::message_received) {
        const auto at = Clock::now();
        const std::lock_guard lock(mutex);
        arrived[event->messages.at(0).text] = at;
        arrival.notify_one();
      }
    }
  });

  std::vector<double> acks, deliveries;
  const std::string padding(text_bytes > 8 ? text_bytes - 8 : 0, 'x');
  bool lost = false;
  for (int i = 0; i < rounds && !lost; ++i) {
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
    std::unique_lock lock(mutex);
    lost = !arrival.wait_for(lock, 10s, [&] { return arrived.count(text) > 0; });
    if (!lost) deliveries.push_back(micros_between(start, arrived[text]));
    arrived.erase(text);
  }
  stop = true;
  agent_thread.join();
  if (lost) throw std::runtime_error("the agent did not receive a message within 10 s");
  return ParleyLatency{percentiles(acks), percentiles(deliveries)};
}

ThroughputResult ParleyLoad::throughput(int clients, int messages_per_client,
                                        std::size_t text_bytes, int backlog) {
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
    senders.emplace_back([&user, messages_per_client, backlog, &padding] {
      int acked = 0;
      for (int i = 0; i < messages_per_client; ++i) {
        user->send_message(std::to_string(100000 + i) + padding);
        while (auto event = user->poll_event(0ms)) acked += event->type == EventType::message_sent;
        while (backlog > 0 && i + 1 - acked >= backlog) {
          auto event = user->poll_event(1s);
          if (event && event->type == EventType::message_sent) ++acked;
        }
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
                                        int window, int agents) {
  auto& server = impl_->server;
  std::vector<std::string> tokens;
  for (int c = 0; c < connections; ++c) {
    const std::string name = "raw-" + std::to_string(impl_->next_user++);
    tokens.push_back(server.mint_token(name, name));
  }
  std::vector<std::string> agent_tokens;
  for (int a = 0; a < agents; ++a) {
    const std::string name = "raw-agent-" + std::to_string(a);
    agent_tokens.push_back(server.mint_token(name, name, "agent"));
  }
  return run_raw_load(server.port(), server.pid(), tokens, agent_tokens, messages_per_connection,
                      window);
}

}  // namespace parley::bench
