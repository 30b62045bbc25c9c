#include "transport/loop_timer.hpp"

#include <exception>
#include <type_traits>

namespace parley::transport {

LoopTimer::LoopTimer(lws_context* context, std::function<void()> on_fire)
    : context_(context), on_fire_(std::move(on_fire)) {
  node_.owner = this;
}

LoopTimer::~LoopTimer() { cancel(); }

void LoopTimer::start(std::chrono::milliseconds delay) {
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(delay).count();
  armed_ = true;
  lws_sul_schedule(context_, 0, &node_.sul, &LoopTimer::fire, static_cast<lws_usec_t>(us));
}

void LoopTimer::cancel() {
  if (!armed_) return;
  armed_ = false;
  lws_sul_cancel(&node_.sul);
}

void LoopTimer::fire(lws_sorted_usec_list_t* sul) {
  static_assert(std::is_standard_layout_v<Node>);
  auto* node = reinterpret_cast<Node*>(sul);
  LoopTimer& timer = *node->owner;
  timer.armed_ = false;
  // No exception may unwind through libwebsockets (C): the owner handles its own, and this
  // is the last resort.
  try {
    timer.on_fire_();
  } catch (const std::exception& e) {
    lwsl_err("parley: timer: %s\n", e.what());
  } catch (...) {
    lwsl_err("parley: timer: unknown exception\n");
  }
}

}  // namespace parley::transport
