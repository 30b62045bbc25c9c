#include "echo_floor.hpp"

#include <libwebsockets.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
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

// --- Client through an I/O thread: what an SDK with a thread of its own adds --------------
// The app's thread hands each frame to the thread that runs the client's loop (a locked queue
// and lws_cancel_service, as parley::Client does) and waits on a condition variable for the
// loop thread to hand the echo back (as poll_event does).

struct HandOffRun {
  std::size_t frame_bytes = 0;
  std::mutex mutex;
  std::condition_variable changed;
  int to_send = 0;    // handed to the loop, not yet written
  int echoes = 0;     // received, not yet taken by the app
  bool open = false;
  bool done = false;  // the connection ended (or never opened)
  lws* wsi = nullptr;  // the loop thread's
};

int hand_off_callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* /*in*/, size_t len) {
  auto* run = static_cast<HandOffRun*>(lws_context_user(lws_get_context(wsi)));
  if (run == nullptr) return 0;
  switch (reason) {
    case LWS_CALLBACK_CLIENT_ESTABLISHED: {
      run->wsi = wsi;
      const std::lock_guard lock(run->mutex);
      run->open = true;
      run->changed.notify_all();
      break;
    }
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:  // the app handed something over
      if (run->wsi != nullptr) lws_callback_on_writable(run->wsi);
      break;
    case LWS_CALLBACK_CLIENT_WRITEABLE: {
      {
        const std::lock_guard lock(run->mutex);
        if (run->to_send == 0) break;
        --run->to_send;
      }
      std::string frame(LWS_PRE + run->frame_bytes, 'x');
      lws_write(wsi, reinterpret_cast<unsigned char*>(frame.data()) + LWS_PRE, run->frame_bytes,
                LWS_WRITE_TEXT);
      break;
    }
    case LWS_CALLBACK_CLIENT_RECEIVE:
      if (lws_is_final_fragment(wsi) && len > 0) {
        const std::lock_guard lock(run->mutex);
        ++run->echoes;
        run->changed.notify_all();
      }
      break;
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
    case LWS_CALLBACK_CLIENT_CLOSED: {
      run->wsi = nullptr;
      const std::lock_guard lock(run->mutex);
      run->done = true;
      run->changed.notify_all();
      break;
    }
    default:
      break;
  }
  return 0;
}

// --- The echo server, on a thread of its own ----------------------------------------------

class EchoServer {
 public:
  EchoServer() {
    lws_set_log_level(LLL_ERR, nullptr);
    lws_context_creation_info info{};
    info.port = 0;
    info.iface = "127.0.0.1";
    info.protocols = protocols_;
    info.gid = -1;
    info.uid = -1;
    context_ = lws_create_context(&info);
    if (context_ == nullptr) throw std::runtime_error("echo floor: no server context");
    port_ = lws_get_vhost_listen_port(lws_get_vhost_by_name(context_, "default"));
    thread_ = std::thread([this] {
      while (!stop_) lws_service(context_, 0);
    });
  }
  ~EchoServer() {
    stop_ = true;
    lws_cancel_service(context_);
    thread_.join();
    lws_context_destroy(context_);
  }
  EchoServer(const EchoServer&) = delete;
  EchoServer& operator=(const EchoServer&) = delete;

  int port() const { return port_; }

 private:
  lws_protocols protocols_[2] = {{kProtocol, server_callback, sizeof(EchoSession), 65536, 0, nullptr, 0},
                                 {nullptr, nullptr, 0, 0, 0, nullptr, 0}};
  lws_context* context_ = nullptr;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A client of the echo server at `port`, whose callback gets `run` as its context's user.
class EchoClient {
 public:
  EchoClient(lws_callback_function* callback, void* run, int port) {
    protocols_[0] = {kProtocol, callback, 0, 65536, 0, nullptr, 0};
    lws_context_creation_info info{};
    info.port = CONTEXT_PORT_NO_LISTEN;
    info.protocols = protocols_;
    info.user = run;
    info.gid = -1;
    info.uid = -1;
    context_ = lws_create_context(&info);
    if (context_ == nullptr) throw std::runtime_error("echo floor: no client context");
    lws_client_connect_info connect{};
    connect.context = context_;
    connect.address = "127.0.0.1";
    connect.port = port;
    connect.path = "/";
    connect.host = "127.0.0.1";
    connect.origin = "127.0.0.1";
    connect.protocol = kProtocol;
    lws_client_connect_via_info(&connect);
  }
  ~EchoClient() { lws_context_destroy(context_); }
  EchoClient(const EchoClient&) = delete;
  EchoClient& operator=(const EchoClient&) = delete;

  lws_context* context() const { return context_; }

 private:
  lws_protocols protocols_[2] = {};
  lws_context* context_ = nullptr;
};

}  // namespace

EchoResult measure_echo(std::size_t frame_bytes, int sequential_rounds, int pipelined_frames,
                        int window) {
  const EchoServer server;
  ClientRun run;
  run.frame_bytes = frame_bytes;
  run.sequential_rounds = sequential_rounds;
  run.pipelined_frames = pipelined_frames;
  run.window = window;
  {
    const EchoClient client(client_callback, &run, server.port());
    while (!run.done) lws_service(client.context(), 0);
  }
  if (run.failed) throw std::runtime_error("echo floor: the client could not connect");

  EchoResult result;
  result.round_trip = percentiles(run.round_trips);
  const double seconds = std::chrono::duration<double>(run.burst_end - run.burst_start).count();
  result.frames_per_second = seconds > 0 ? pipelined_frames / seconds : 0;
  return result;
}

Latency measure_handed_off_echo(std::size_t frame_bytes, int rounds) {
  const EchoServer server;
  HandOffRun run;
  run.frame_bytes = frame_bytes;
  const EchoClient client(hand_off_callback, &run, server.port());
  std::atomic<bool> stop{false};
  std::thread loop([&] {  // the client's own thread
    while (!stop) lws_service(client.context(), 0);
  });
  std::vector<double> round_trips;
  {
    std::unique_lock lock(run.mutex);
    run.changed.wait(lock, [&] { return run.open || run.done; });
    for (int i = 0; i < rounds && !run.done; ++i) {
      const auto start = Clock::now();
      ++run.to_send;
      lock.unlock();
      lws_cancel_service(client.context());
      lock.lock();
      run.changed.wait(lock, [&] { return run.echoes > 0 || run.done; });
      if (run.echoes == 0) break;
      --run.echoes;
      round_trips.push_back(micros_between(start, Clock::now()));
    }
  }
  stop = true;
  lws_cancel_service(client.context());
  loop.join();
  if (static_cast<int>(round_trips.size()) < rounds) {
    throw std::runtime_error("echo floor: the handed-off echo lost its connection");
  }
  return percentiles(round_trips);
}

}  // namespace parley::bench
