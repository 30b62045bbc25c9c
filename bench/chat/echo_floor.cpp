#include "echo_floor.hpp"

#include <libwebsockets.h>

#include <atomic>
#include <deque>
#include <stdexcept>
#include <string>
#include <thread>

namespace parley::bench {
namespace {

constexpr const char* kProtocol = "bench-echo";

// --- Server: sends every frame back ------------------------------------------------------

struct EchoSession {
  std::deque<std::string>* pending;  // frames to send back, owned by the session
};

int server_callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, size_t len) {
  auto* session = static_cast<EchoSession*>(user);
  switch (reason) {
    case LWS_CALLBACK_ESTABLISHED:
      session->pending = new std::deque<std::string>();
      break;
    case LWS_CALLBACK_RECEIVE: {
      std::string frame(LWS_PRE, '\0');
      frame.append(static_cast<const char*>(in), len);
      session->pending->push_back(std::move(frame));
      lws_callback_on_writable(wsi);
      break;
    }
    case LWS_CALLBACK_SERVER_WRITEABLE:
      if (!session->pending->empty()) {
        auto& frame = session->pending->front();
        lws_write(wsi, reinterpret_cast<unsigned char*>(frame.data()) + LWS_PRE,
                  frame.size() - LWS_PRE, LWS_WRITE_TEXT);
        session->pending->pop_front();
        if (!session->pending->empty()) lws_callback_on_writable(wsi);
      }
      break;
    case LWS_CALLBACK_CLOSED:
      delete session->pending;
      break;
    default:
      break;
  }
  return 0;
}

// --- Client: sequential round trips, then a pipelined burst -------------------------------

struct ClientRun {
  std::size_t frame_bytes = 0;
  int sequential_rounds = 0;
  int pipelined_frames = 0;
  int window = 1;

  std::vector<double> round_trips;
  int sent = 0;
  int received = 0;
  Clock::time_point sent_at;
  Clock::time_point burst_start, burst_end;
  bool done = false;
  bool failed = false;

  bool in_burst() const { return received >= sequential_rounds; }
  bool may_send() const {
    if (!in_burst()) return sent == received && sent < sequential_rounds;
    return sent < sequential_rounds + pipelined_frames && sent - received < window;
  }
};

int client_callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* /*in*/, size_t len) {
  auto* run = static_cast<ClientRun*>(lws_context_user(lws_get_context(wsi)));
  switch (reason) {
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
      lws_callback_on_writable(wsi);
      break;
    case LWS_CALLBACK_CLIENT_WRITEABLE:
      if (run->may_send()) {
        std::string frame(LWS_PRE + run->frame_bytes, 'x');
        if (run->in_burst() && run->sent == run->sequential_rounds) run->burst_start = Clock::now();
        run->sent_at = Clock::now();
        lws_write(wsi, reinterpret_cast<unsigned char*>(frame.data()) + LWS_PRE, run->frame_bytes,
                  LWS_WRITE_TEXT);
        ++run->sent;
        if (run->may_send()) lws_callback_on_writable(wsi);
      }
      break;
    case LWS_CALLBACK_CLIENT_RECEIVE:
      if (lws_is_final_fragment(wsi) && len > 0) {
        if (!run->in_burst()) run->round_trips.push_back(micros_between(run->sent_at, Clock::now()));
        ++run->received;
        if (run->received == run->sequential_rounds + run->pipelined_frames) {
          run->burst_end = Clock::now();
          run->done = true;
          return -1;
        }
        lws_callback_on_writable(wsi);
      }
      break;
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
      run->failed = true;
      run->done = true;
      break;
    default:
      break;
  }
  return 0;
}

}  // namespace

EchoResult measure_echo(std::size_t frame_bytes, int sequential_rounds, int pipelined_frames,
                        int window) {
  lws_set_log_level(LLL_ERR, nullptr);
  lws_protocols server_protocols[] = {{kProtocol, server_callback, sizeof(EchoSession), 65536, 0, nullptr, 0},
                                      {nullptr, nullptr, 0, 0, 0, nullptr, 0}};
  lws_context_creation_info server_info{};
  server_info.port = 0;
  server_info.iface = "127.0.0.1";
  server_info.protocols = server_protocols;
  server_info.gid = -1;
  server_info.uid = -1;
  lws_context* server = lws_create_context(&server_info);
  if (server == nullptr) throw std::runtime_error("echo floor: no server context");
  const int port = lws_get_vhost_listen_port(lws_get_vhost_by_name(server, "default"));
  std::atomic<bool> stop{false};
  std::thread server_thread([&] {
    while (!stop) lws_service(server, 0);
  });

  ClientRun run;
  run.frame_bytes = frame_bytes;
  run.sequential_rounds = sequential_rounds;
  run.pipelined_frames = pipelined_frames;
  run.window = window;
  lws_protocols client_protocols[] = {{kProtocol, client_callback, 0, 65536, 0, nullptr, 0},
                                      {nullptr, nullptr, 0, 0, 0, nullptr, 0}};
  lws_context_creation_info client_info{};
  client_info.port = CONTEXT_PORT_NO_LISTEN;
  client_info.protocols = client_protocols;
  client_info.user = &run;
  client_info.gid = -1;
  client_info.uid = -1;
  lws_context* client = lws_create_context(&client_info);
  lws_client_connect_info connect{};
  connect.context = client;
  connect.address = "127.0.0.1";
  connect.port = port;
  connect.path = "/";
  connect.host = "127.0.0.1";
  connect.origin = "127.0.0.1";
  connect.protocol = kProtocol;
  lws_client_connect_via_info(&connect);
  while (!run.done) lws_service(client, 0);
  lws_context_destroy(client);
  stop = true;
  lws_cancel_service(server);
  server_thread.join();
  lws_context_destroy(server);
  if (run.failed) throw std::runtime_error("echo floor: the client could not connect");

  EchoResult result;
  result.round_trip = percentiles(run.round_trips);
  const double seconds = std::chrono::duration<double>(run.burst_end - run.burst_start).count();
  result.frames_per_second = seconds > 0 ? pipelined_frames / seconds : 0;
  return result;
}

}  // namespace parley::bench
