#pragma once
// A one-shot timer on a libwebsockets event loop (lws_sul). It fires on the loop's thread and
// is used only from that thread. Not movable: lws keeps a pointer to it while armed.
#include <chrono>
#include <functional>

#include <libwebsockets.h>

namespace parley::transport {

class LoopTimer {
 public:
  LoopTimer(lws_context* context, std::function<void()> on_fire);
  ~LoopTimer();
  LoopTimer(const LoopTimer&) = delete;
  LoopTimer& operator=(const LoopTimer&) = delete;

  // (Re)arms the timer: it fires once, `delay` from now, unless cancelled or re-armed first.
  void start(std::chrono::milliseconds delay);
  void cancel();
  bool armed() const noexcept { return armed_; }

 private:
  // lws hands the callback the list node; the node is the first member of a standard-layout
  // struct, so the owner is found from it without offset arithmetic.
  struct Node {
    lws_sorted_usec_list_t sul;
    LoopTimer* owner;
  };
  static void fire(lws_sorted_usec_list_t* sul);

  lws_context* context_;
  std::function<void()> on_fire_;
  Node node_{};
  bool armed_ = false;
};

}  // namespace parley::transport
