#include "ws/session.hpp"

#include <libwebsockets.h>

#include <cstdio>

#include "ws/frame_writer.hpp"

namespace parley::server {
namespace {

// The frames of one write, after LWS_PRE bytes of headroom. One buffer for every session of the
// loop's thread, kept for its capacity: lws copies what the socket does not take at once, so
// the buffer is free again as soon as lws_write returns.
std::string& write_buffer() {
  thread_local std::string buffer;
  return buffer;
}

}  // namespace

Session::Session(lws* wsi) : wsi_(wsi) {}

void Session::send(std::string frame) {
  if (closing_) return;
  if (queued_bytes_ + frame.size() > kMaxQueuedBytes) {
    std::fprintf(stderr, "parley-server: closing a session that does not read its frames\n");
    close_soon();
    return;
  }
  queued_bytes_ += frame.size();
  queue_.push_back(std::move(frame));
  lws_callback_on_writable(wsi_);
}

void Session::send_event(std::string frame) {
  if (replay_) return;  // the replay will read it from storage, in order
  send(std::move(frame));
}

void Session::start_replay(ReplayPager pager) {
  replay_ = std::move(pager);
  lws_callback_on_writable(wsi_);
}

void Session::close_soon() {
  closing_ = true;
  lws_callback_on_writable(wsi_);
}

void Session::send_ping_soon() {
  ping_due_ = true;
  lws_callback_on_writable(wsi_);
}

bool Session::on_writeable() {
  if (closing_) return false;
  if (queue_.empty() && replay_) {
    try {
      auto page = replay_();
      if (page.empty()) replay_ = nullptr;  // caught up: live events flow from now on
      for (auto& frame : page) send(std::move(frame));
    } catch (const std::exception& e) {  // storage failed: the client resumes on reconnect
      std::fprintf(stderr, "parley-server: replay failed: %s\n", e.what());
      return false;
    }
  }
  // One lws_write per callback: lws may keep the unsent rest of a write and send it before
  // calling us again.
  if (ping_due_) {
    ping_due_ = false;
    // lws hides pongs with an empty payload from us, so the ping carries a few bytes.
    unsigned char ping[LWS_PRE + 2] = {};
    ping[LWS_PRE] = 'h';
    ping[LWS_PRE + 1] = 'b';
    if (lws_write(wsi_, ping + LWS_PRE, 2, LWS_WRITE_PING) < 2) return false;
  } else {
    // Everything queued, up to kWriteBytes, framed here and written at once: one send() for
    // the replies and events of a whole group commit instead of one per message. lws keeps
    // what the socket did not take and sends it before calling us again.
    constexpr std::size_t kWriteBytes = 256 * 1024;
    std::string& out = write_buffer();
    out.assign(LWS_PRE, '\0');
    while (!queue_.empty() && (out.size() == LWS_PRE || out.size() + queue_.front().size() <= kWriteBytes)) {
      append_text_frame(out, queue_.front());
      queued_bytes_ -= queue_.front().size();
      queue_.pop_front();
    }
    if (out.size() > LWS_PRE) {
      auto* frames = reinterpret_cast<unsigned char*>(out.data()) + LWS_PRE;
      const std::size_t size = out.size() - LWS_PRE;
      // LWS_WRITE_RAW: the bytes are whole frames already; lws must not frame them again.
      // What the socket does not take now, lws keeps and sends first: only < 0 is a failure.
      if (lws_write(wsi_, frames, size, LWS_WRITE_RAW) < 0) return false;
    }
    if (out.capacity() > 4 * kWriteBytes) std::string().swap(out);  // after a huge message
  }
  if (ping_due_ || !queue_.empty() || replay_) lws_callback_on_writable(wsi_);
  return true;
}

}  // namespace parley::server
