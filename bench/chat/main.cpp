// chat_bench: Parley's chat path against the floor of a raw libwebsockets echo on the same
// machine, in one run. See docs/development.md ("Chat benchmark").
//
//   chat_bench [--rounds N] [--messages N]
//   chat_bench --only raw [--messages N] [--connections 16] [--window 64] [--agents 0]
//     (the server-alone row only: for profiling the server, or seeing how it batches;
//     --agents: that many agents online, each taking every message's event)
//   chat_bench --only latency [--rounds N]   (the one-at-a-time rows alone)
//   chat_bench --only sdk [--messages N] [--connections 1] [--backlog 128]
//     (parley::Client senders only: for profiling the SDK)
//   --device-flush-ms N (any mode): every flush of the SDK clients' stores takes N ms more,
//     as on a phone's flash (the server, another process, keeps this machine's disk)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "disk_floor.hpp"
#include "echo_floor.hpp"
#include "log_sync_probe.hpp"
#include "parley_load.hpp"

namespace {

// A chat.send frame of a short message is about this long on the wire.
constexpr std::size_t kFrameBytes = 160;
constexpr std::size_t kTextBytes = 40;

void row(const char* metric, double floor, double parley) {
  std::printf("| %-44s | %10.1f | %10.1f | %6.2fx |\n", metric, floor, parley,
              floor > 0 ? parley / floor : 0.0);
}

void print_pinning(int cpu) {
  if (cpu >= 0) {
    std::printf("parley-server pinned to CPU %d (the load clients share the machine with it)\n", cpu);
  } else {
    std::printf("parley-server not pinned (one CPU, or sched_setaffinity refused)\n");
  }
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 2000;
  int messages = 4000;
  std::string only;
  int connections = 0;  // --only raw: 16, --only sdk: 1
  int window = 64;
  int agents = 0;  // --only raw
  int backlog = parley::bench::ParleyLoad::kDefaultBacklog;
  int device_flush_ms = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--rounds") rounds = std::atoi(argv[i + 1]);
    if (flag == "--messages") messages = std::atoi(argv[i + 1]);
    if (flag == "--only") only = argv[i + 1];
    if (flag == "--connections") connections = std::atoi(argv[i + 1]);
    if (flag == "--window") window = std::atoi(argv[i + 1]);
    if (flag == "--backlog") backlog = std::atoi(argv[i + 1]);
    if (flag == "--agents") agents = std::atoi(argv[i + 1]);
    if (flag == "--device-flush-ms") device_flush_ms = std::atoi(argv[i + 1]);
  }
  std::optional<parley::test::LogSyncProbe> slow_device;  // before any client opens its store
  if (device_flush_ms > 0) {
    slow_device.emplace();
    slow_device->slow_down(std::chrono::milliseconds(device_flush_ms));
    std::printf("the SDK clients' disk: every flush takes %d ms more (as on a phone's flash)\n",
                device_flush_ms);
  }
  using namespace parley::bench;
  if (only == "raw") {
    if (connections <= 0) connections = 16;
    ParleyLoad parley;
    const RawLoadResult raw = parley.raw_throughput(connections, messages / connections, window, agents);
    std::printf("server alone (raw protocol, %d connections x %d in flight, %d agents online): "
                "%.0f messages/s, server CPU %.2f\n", raw.connections, window, agents,
                raw.messages_per_second, raw.server_cpu_share);
    print_pinning(parley.server_cpu());
    return 0;
  }
  if (only == "latency") {
    ParleyLoad parley;
    const ParleyLatency lat = parley.latency(rounds, kTextBytes);
    std::printf("send -> acknowledged p50 %.1f p99 %.1f µs; send -> delivered p50 %.1f p99 %.1f µs\n",
                lat.acknowledged.p50_us, lat.acknowledged.p99_us, lat.delivered.p50_us,
                lat.delivered.p99_us);
    return 0;
  }
  if (only == "sdk") {
    if (connections <= 0) connections = 1;
    ParleyLoad parley;
    const ThroughputResult t = parley.throughput(connections, messages / connections, kTextBytes, backlog);
    std::printf("parley::Client x %d, backlog %d: %.0f messages/s acknowledged, server CPU %.2f\n",
                t.clients, backlog, t.messages_per_second, t.server_cpu_share);
    print_pinning(parley.server_cpu());
    return 0;
  }
  const EchoResult echo = measure_echo(kFrameBytes, rounds, messages * 4, 64);
  const Latency handed_off = measure_handed_off_echo(kFrameBytes, rounds);
  const Latency flush = measure_flush(std::min(rounds, 500));
  ParleyLoad parley;
  parley.latency(100, kTextBytes);  // warm-up: connections, caches, the database file
  const ParleyLatency lat = parley.latency(rounds, kTextBytes);
  const ThroughputResult one = parley.throughput(1, messages, kTextBytes);
  const ThroughputResult eight = parley.throughput(8, messages / 8, kTextBytes);
  const ThroughputResult many = parley.throughput(32, messages / 32, kTextBytes);
  const RawLoadResult raw = parley.raw_throughput(16, messages / 4, 64);

  std::printf("\nChat path vs raw libwebsockets echo (loopback, %d rounds, µs unless stated)\n\n", rounds);
  std::printf("| %-44s | %10s | %10s | %7s |\n", "metric", "floor", "parley", "ratio");
  std::printf("|%s|%s|%s|%s|\n", std::string(46, '-').c_str(), std::string(12, '-').c_str(),
              std::string(12, '-').c_str(), std::string(9, '-').c_str());
  row("round trip p50 (send -> acknowledged)", echo.round_trip.p50_us, lat.acknowledged.p50_us);
  row("round trip p99 (send -> acknowledged)", echo.round_trip.p99_us, lat.acknowledged.p99_us);
  row("send -> delivered to agent p50", echo.round_trip.p50_us, lat.delivered.p50_us);
  row("send -> delivered to agent p99", echo.round_trip.p99_us, lat.delivered.p99_us);
  for (const auto* t : {&one, &eight, &many}) {
    const std::string name = "messages/s, " + std::to_string(t->clients) + " client(s)";
    row(name.c_str(), echo.frames_per_second, t->messages_per_second);
  }
  std::printf("\n");
  print_pinning(parley.server_cpu());
  std::printf("server CPU while loaded (1.0 = one core): 1 client %.2f, 8 clients %.2f, 32 clients %.2f\n",
              one.server_cpu_share, eight.server_cpu_share, many.server_cpu_share);
  std::printf("server alone (raw protocol, %d connections x 64 in flight, no SDK): %.0f messages/s, "
              "server CPU %.2f\n", raw.connections, raw.messages_per_second, raw.server_cpu_share);
  const double per_core = raw.server_cpu_share > 0 ? raw.messages_per_second / std::max(1.0, raw.server_cpu_share) : 0;
  std::printf("messages/s through one server core: %.0f   target: 20000   %s\n", per_core,
              per_core >= 20000 ? "met" : "NOT met");
  std::printf("p50 send->acknowledged / floor: %.2fx   target: 1.5x   %s\n",
              lat.acknowledged.p50_us / echo.round_trip.p50_us,
              lat.acknowledged.p50_us <= 1.5 * echo.round_trip.p50_us ? "met" : "NOT met");
  // Not a target: what the echo floor leaves out. An acknowledgement means the message is on
  // the server's disk, so it waits for at least one flush there.
  std::printf("one fdatasync of 4 KiB on the database's disk: p50 %.1f p99 %.1f µs; "
              "p50 send->acknowledged / (floor + one flush): %.2fx\n",
              flush.p50_us, flush.p99_us,
              lat.acknowledged.p50_us / (echo.round_trip.p50_us + flush.p50_us));
  // Not a target either: the same echo with the two hand-offs between threads that an SDK with
  // a thread of its own pays (the app's thread to the client's loop and back), and that plus the
  // server's flush — the least an SDK shaped like Parley's, acknowledging durably, can take.
  std::printf("echo handed to and from a client thread: p50 %.1f p99 %.1f µs; "
              "p50 send->acknowledged / that: %.2fx; / (that + one flush): %.2fx\n",
              handed_off.p50_us, handed_off.p99_us, lat.acknowledged.p50_us / handed_off.p50_us,
              lat.acknowledged.p50_us / (handed_off.p50_us + flush.p50_us));
  return 0;
}
