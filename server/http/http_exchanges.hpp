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
#include <utility>
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
  // A file descriptor closed with its owner.
  class OpenFile {
   public:
    OpenFile() = default;
    explicit OpenFile(int fd) : fd_(fd) {}
    OpenFile(OpenFile&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    OpenFile& operator=(OpenFile&& other) noexcept;
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;
    ~OpenFile();
    int get() const noexcept { return fd_; }

   private:
    int fd_ = -1;
  };
  // What is left to write of a response's body: bytes in memory, or a file read as it goes.
  struct Outgoing {
    std::shared_ptr<const std::string> body;
    OpenFile file;
    std::size_t size = 0;
    std::size_t sent = 0;
  };
  // The response's body to send; a file that cannot be opened makes it an error response.
  static Outgoing body_of(HttpResponse& response);

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
