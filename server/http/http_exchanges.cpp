#include "http/http_exchanges.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <vector>

#include "http/compression.hpp"

namespace parley::server {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;
constexpr std::size_t kHeaderBytes = 2048;
constexpr int kMaxQueryFragments = 32;

std::string header(lws* wsi, lws_token_indexes token) {
  const int length = lws_hdr_total_length(wsi, token);
  if (length <= 0) return {};
  std::string value(static_cast<std::size_t>(length) + 1, '\0');
  const int copied = lws_hdr_copy(wsi, value.data(), length + 1, token);
  value.resize(copied > 0 ? static_cast<std::size_t>(copied) : 0);
  return value;
}

std::string method_of(lws* wsi) {
  struct Method {
    lws_token_indexes token;
    const char* name;
  };
  static constexpr std::array<Method, 7> kMethods{{{WSI_TOKEN_GET_URI, "GET"},
                                                   {WSI_TOKEN_POST_URI, "POST"},
                                                   {WSI_TOKEN_PUT_URI, "PUT"},
                                                   {WSI_TOKEN_PATCH_URI, "PATCH"},
                                                   {WSI_TOKEN_DELETE_URI, "DELETE"},
                                                   {WSI_TOKEN_OPTIONS_URI, "OPTIONS"},
                                                   {WSI_TOKEN_HEAD_URI, "HEAD"}}};
  for (const auto& m : kMethods) {
    if (lws_hdr_total_length(wsi, m.token) > 0) return m.name;
  }
  return {};
}

// libwebsockets keeps the query as "name=value" fragments, already URL-decoded.
void read_query(lws* wsi, HttpRequest& request) {
  std::vector<char> buffer(static_cast<std::size_t>(lws_hdr_total_length(wsi, WSI_TOKEN_HTTP_URI_ARGS)) + 1);
  for (int n = 0; n < kMaxQueryFragments; ++n) {
    const int length = lws_hdr_copy_fragment(wsi, buffer.data(), static_cast<int>(buffer.size()),
                                             WSI_TOKEN_HTTP_URI_ARGS, n);
    if (length < 0) break;
    const std::string_view fragment(buffer.data(), static_cast<std::size_t>(length));
    const auto equals = fragment.find('=');
    if (equals == std::string_view::npos) {
      request.query[std::string(fragment)] = "";
    } else {
      request.query[std::string(fragment.substr(0, equals))] = std::string(fragment.substr(equals + 1));
    }
  }
}

int add_header(lws* wsi, const std::string& name, const std::string& value, unsigned char** p,
               unsigned char* end) {
  const std::string with_colon = name + ":";
  return lws_add_http_header_by_name(wsi, reinterpret_cast<const unsigned char*>(with_colon.c_str()),
                                     reinterpret_cast<const unsigned char*>(value.data()),
                                     static_cast<int>(value.size()), p, end);
}

// The request as libwebsockets parsed it; the body (if any) comes later.
HttpRequest read_request(lws* wsi, const char* path) {
  HttpRequest request;
  request.method = method_of(wsi);
  request.path = path != nullptr ? path : "";
  read_query(wsi, request);
  request.authorization = header(wsi, WSI_TOKEN_HTTP_AUTHORIZATION);
  request.if_none_match = header(wsi, WSI_TOKEN_HTTP_IF_NONE_MATCH);
  request.accept_encoding = header(wsi, WSI_TOKEN_HTTP_ACCEPT_ENCODING);
  return request;
}

}  // namespace

int HttpExchanges::on_callback(lws* wsi, lws_callback_reasons reason, void* user, void* in,
                               std::size_t len) {
  switch (reason) {
    case LWS_CALLBACK_HTTP:
      return begin(wsi, static_cast<const char*>(in));
    case LWS_CALLBACK_HTTP_BODY:
      return receive_body(wsi, in, len);
    case LWS_CALLBACK_HTTP_BODY_COMPLETION: {
      auto it = incoming_.find(wsi);
      if (it == incoming_.end()) return 0;
      const HttpRequest request = std::move(it->second);
      incoming_.erase(it);
      return respond(wsi, request);
    }
    case LWS_CALLBACK_HTTP_WRITEABLE:
      return write_more(wsi);
    case LWS_CALLBACK_CLOSED_HTTP:
      incoming_.erase(wsi);
      outgoing_.erase(wsi);
      return 0;
    default:
      return lws_callback_http_dummy(wsi, reason, user, in, len);
  }
}

int HttpExchanges::begin(lws* wsi, const char* path) {
  HttpRequest request = read_request(wsi, path);
  // A body is announced by its length (or as chunked); libwebsockets reads it (even an empty
  // one) and then calls BODY_COMPLETION: an answer before that would not be written.
  if (lws_hdr_total_length(wsi, WSI_TOKEN_HTTP_TRANSFER_ENCODING) > 0) {
    // libwebsockets 4.1 cannot read a chunked request body: ask for a length, then close.
    lws_return_http_status(wsi, HTTP_STATUS_LENGTH_REQUIRED, nullptr);
    return -1;
  }
  const bool has_body = lws_hdr_total_length(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH) > 0;
  if (has_body && (request.method == "POST" || request.method == "PUT" || request.method == "PATCH")) {
    incoming_[wsi] = std::move(request);
    return 0;
  }
  return respond(wsi, request);
}

int HttpExchanges::receive_body(lws* wsi, const void* data, std::size_t len) {
  auto it = incoming_.find(wsi);
  if (it == incoming_.end()) return 0;
  auto& body = it->second.body;
  if (body.size() + len > kMaxHttpBodyBytes) {
    incoming_.erase(it);
    // The rest of the body is still on its way: answer, then close the connection.
    lws_return_http_status(wsi, HTTP_STATUS_REQ_ENTITY_TOO_LARGE, nullptr);
    return -1;
  }
  body.append(static_cast<const char*>(data), len);
  return 0;
}

HttpExchanges::OpenFile& HttpExchanges::OpenFile::operator=(OpenFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

HttpExchanges::OpenFile::~OpenFile() {
  if (fd_ >= 0) ::close(fd_);
}

HttpExchanges::Outgoing HttpExchanges::body_of(HttpResponse& response) {
  Outgoing out;
  if (!response.body_file.empty()) {
    OpenFile file(::open(response.body_file.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat about {};
    if (file.get() >= 0 && ::fstat(file.get(), &about) == 0) {
      out.file = std::move(file);
      out.size = static_cast<std::size_t>(about.st_size);
      return out;
    }
    response = error_response(protocol::ErrorCode::internal, "the file cannot be read");
  }
  out.body = response.shared_body ? std::move(response.shared_body)
                                  : std::make_shared<const std::string>(std::move(response.body));
  out.size = out.body->size();
  return out;
}

int HttpExchanges::respond(lws* wsi, const HttpRequest& request) {
  HttpResponse response = handler_(request);
  compress_if_accepted(request, response);
  Outgoing out = body_of(response);
  const bool has_body = !response.content_type.empty() && response.status != 304 &&
                        request.method != "HEAD";

  std::array<unsigned char, LWS_PRE + kHeaderBytes> buffer{};
  unsigned char* start = buffer.data() + LWS_PRE;
  unsigned char* p = start;
  unsigned char* end = buffer.data() + buffer.size() - 1;
  if (lws_add_http_common_headers(
          wsi, static_cast<unsigned int>(response.status),
          response.content_type.empty() ? nullptr : response.content_type.c_str(),
          has_body ? out.size : 0, &p, end) != 0) {
    return 1;
  }
  for (const auto& [name, value] : response.headers) {
    if (add_header(wsi, name, value, &p, end) != 0) return 1;
  }
  if (lws_finalize_write_http_header(wsi, start, &p, end) != 0) return 1;
  if (!has_body) return lws_http_transaction_completed(wsi) != 0 ? -1 : 0;

  const bool small = out.size <= kChunkBytes;
  outgoing_[wsi] = std::move(out);
  // A small body goes out with the headers; a larger one as the socket asks for more.
  if (small) return write_more(wsi);
  lws_callback_on_writable(wsi);
  return 0;
}

int HttpExchanges::write_more(lws* wsi) {
  auto it = outgoing_.find(wsi);
  if (it == outgoing_.end()) return 0;
  auto& out = it->second;
  const std::size_t n = std::min(kChunkBytes, out.size - out.sent);
  const bool last = out.sent + n == out.size;
  scratch_.resize(LWS_PRE + n);  // lws_write needs LWS_PRE writable bytes before the data
  if (out.file.get() >= 0) {
    const auto got = ::pread(out.file.get(), scratch_.data() + LWS_PRE, n, static_cast<off_t>(out.sent));
    if (got != static_cast<ssize_t>(n)) return -1;  // the file changed under us: drop the link
  } else {
    std::memcpy(scratch_.data() + LWS_PRE, out.body->data() + out.sent, n);
  }
  if (lws_write(wsi, scratch_.data() + LWS_PRE, n, last ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP) !=
      static_cast<int>(n)) {
    return -1;
  }
  out.sent += n;
  if (!last) {
    lws_callback_on_writable(wsi);
    return 0;
  }
  outgoing_.erase(it);
  return lws_http_transaction_completed(wsi) != 0 ? -1 : 0;
}

}  // namespace parley::server
