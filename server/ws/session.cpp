#include "ws/session.hpp"

#include <libwebsockets.h>

#include <cstdio>

namespace parley::server {

Session::Session(lws* wsi) : wsi_(wsi) {}

void Session::send(std::string frame) {
  if (closing_) return;
  if (queued_bytes_ + frame.size() > kMaxQueuedBytes) {
    std::fprintf(stderr, "parley-server: closing a session that does not read its frames\n");
    close_soon();
    return;
  }
  std::string buffer(LWS_PRE, '\0');
  buffer += frame;
  queued_bytes_ += frame.size();
  queue_.push_back(std::move(buffer));
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
  // One lws_write per callback: lws may keep the unsent rest of a frame and send it before
  // calling us again.
  if (ping_due_) {
    ping_due_ = false;
    // lws hides pongs with an empty payload from us, so the ping carries a few bytes.
    unsigned char ping[LWS_PRE + 2] = {};
    ping[LWS_PRE] = 'h';
    ping[LWS_PRE + 1] = 'b';
    if (lws_write(wsi_, ping + LWS_PRE, 2, LWS_WRITE_PING) < 2) return false;
  } else {
    // Drain while the socket takes more (up to 256 frames), not one frame per loop turn: the
    // replies of a group commit go out together, and the next batch can form sooner.
    int written = 0;
    while (!queue_.empty() && written < 256 && (written == 0 || !lws_send_pipe_choked(wsi_))) {
      std::string& buffer = queue_.front();
      const std::size_t size = buffer.size() - LWS_PRE;
      auto* payload = reinterpret_cast<unsigned char*>(buffer.data()) + LWS_PRE;
      if (lws_write(wsi_, payload, size, LWS_WRITE_TEXT) < static_cast<int>(size)) return false;
      queued_bytes_ -= size;
      queue_.pop_front();
      ++written;
    }
  }
  if (ping_due_ || !queue_.empty() || replay_) lws_callback_on_writable(wsi_);
  return true;
}

}  // namespace parley::server
