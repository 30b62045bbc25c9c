#pragma once
// Runs one blocking HTTP GET at a time on its own thread, so that the client's event loop
// never waits for libcurl. The owner starts a request, gets the result through `done` (on the
// worker's thread: hand it back to your own), and then calls finished().
#include <atomic>
#include <functional>
#include <thread>

#include "transport/http_call.hpp"

namespace parley::transport {

class HttpWorker {
 public:
  using Done = std::function<void(HttpResult)>;

  HttpWorker() = default;
  ~HttpWorker();  // cancels a request in flight and waits for its thread
  HttpWorker(const HttpWorker&) = delete;
  HttpWorker& operator=(const HttpWorker&) = delete;

  bool busy() const noexcept { return busy_; }
  // Precondition: !busy().
  void start(HttpCall request, Done done);
  // The result was handed back: the worker may start another request.
  void finished();
  // Ends a request in flight soon; its `done` still runs (with cancelled = true).
  void cancel() noexcept { cancel_ = true; }

 private:
  std::thread thread_;
  std::atomic<bool> cancel_{false};
  bool busy_ = false;
};

}  // namespace parley::transport
