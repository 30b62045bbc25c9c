#pragma once
// One WebSocket connection: the Peer the handlers talk to, with the outgoing queue (what is
// queued when the socket can take more leaves in one write), the incoming message
// reassembly, and the liveness bookkeeping for heartbeats.
#include <chrono>
#include <cstddef>
#include <deque>
#include <string>

#include "fanout/peer.hpp"
#include "ws/frame_assembler.hpp"

struct lws;

namespace parley::server {

class Session final : public Peer {
 public:
  using Clock = std::chrono::steady_clock;

  // Beyond this many queued bytes the client is not reading: the session is closed rather than
  // let it hold the server's memory. It loses nothing; it reconnects and resumes from its seq
  // (a replay is streamed page by page as the client reads, so it never comes near this).
  static constexpr std::size_t kMaxQueuedBytes = 16 * 1024 * 1024;

  explicit Session(lws* wsi);

  void send(std::string frame) override;
  void send_event(std::string frame) override;
  void start_replay(ReplayPager pager) override;
  // Writes the next ping or frame. False when the connection should be closed now.
  bool on_writeable();
  // Closes at the next WRITEABLE callback (safe to call from any callback).
  void close_soon();
  void send_ping_soon();

  void heard_from() { last_heard_ = Clock::now(); }
  Clock::time_point last_heard() const { return last_heard_; }
  FrameAssembler& assembler() { return assembler_; }

 private:
  lws* wsi_;
  std::deque<std::string> queue_;  // messages not written yet
  std::size_t queued_bytes_ = 0;
  bool ping_due_ = false;
  bool closing_ = false;
  ReplayPager replay_;  // set while a replay is under way
  FrameAssembler assembler_;
  Clock::time_point last_heard_ = Clock::now();
};

}  // namespace parley::server
