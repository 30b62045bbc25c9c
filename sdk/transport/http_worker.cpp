#include "transport/http_worker.hpp"

#include <utility>

namespace parley::transport {

HttpWorker::~HttpWorker() {
  cancel_ = true;
  if (thread_.joinable()) thread_.join();
}

void HttpWorker::start(HttpCall request, Done done) {
  if (thread_.joinable()) thread_.join();
  busy_ = true;
  cancel_ = false;
  thread_ = std::thread([this, request = std::move(request), done = std::move(done)] {
    done(http_call(request, &cancel_));
  });
}

void HttpWorker::finished() {
  if (thread_.joinable()) thread_.join();
  busy_ = false;
}

}  // namespace parley::transport
