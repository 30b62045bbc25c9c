#pragma once
// Plain HTTP on the server's libwebsockets vhost: reads a request (method, path, query, the
// headers the endpoints use, a body of up to kMaxBodyBytes), asks the handler for a response,
// and writes it back in chunks as the socket takes them. Keep-alive connections serve one
// request after another.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <libwebsockets.h>

#include "http/http_message.hpp"

namespace parley::server {

inline constexpr std::size_t kMaxHttpBodyBytes = 1 << 20;

class HttpExchanges {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  explicit HttpExchanges(Handler handler) : handler_(std::move(handler)) {}

  // For the vhost's first protocol; returns what libwebsockets expects (non-zero closes).
  int on_callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, std::size_t len);

 private:
  struct Outgoing {
    std::shared_ptr<const std::string> body;
    std::size_t sent = 0;
  };

  int begin(lws* wsi, const char* path);
  int receive_body(lws* wsi, const void* data, std::size_t len);
  int respond(lws* wsi, const HttpRequest& request);
  int write_more(lws* wsi);

  Handler handler_;
  // Requests whose body is still arriving (answered once it is complete), and responses whose
  // body is still being written.
  std::unordered_map<lws*, HttpRequest> incoming_;
  std::unordered_map<lws*, Outgoing> outgoing_;
  std::vector<unsigned char> scratch_;  // LWS_PRE + one chunk, reused
};


}  // namespace parley::server
