#pragma once
// One HTTP request over libcurl: blocking, so it runs on a worker thread, never on the
// client's event loop. The response body arrives decoded (gzip and deflate are asked for and
// undone by libcurl).
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace parley::transport {

struct HttpCall {
  std::string method = "GET";        // GET, POST or PUT
  std::string url;                   // http:// or https:// only
  std::string body;                  // sent with POST and PUT (Content-Length known)
  std::vector<std::string> headers;  // "Name: value"
  // Connecting may take this long, and so may a stall of the transfer (less than 1 byte/s).
  std::chrono::milliseconds timeout{15000};
  std::size_t max_body_bytes = std::size_t{256} << 20;  // decoded
};

struct HttpResult {
  long status = 0;     // 0: no response (see failure)
  std::string etag;    // of the response, quotes included; empty when none
  std::string body;
  std::string failure;  // why there is no response: DNS, refused, timeout, cancelled, too large
  bool cancelled = false;
};

// `cancel` (optional) is polled during the transfer; setting it ends the request soon.
// `progress` (optional) gets the bytes of the request body sent so far, as they go.
HttpResult http_call(const HttpCall& request, const std::atomic<bool>* cancel = nullptr,
                     const std::function<void(std::int64_t)>* progress = nullptr);

}  // namespace parley::transport
