#include "http/console_endpoint.hpp"

#include <cstdint>
#include <cstdio>

#include "handlers/request_error.hpp"
#include "http/embedded_files.hpp"

namespace parley::server {
namespace {

std::string content_type_of(std::string_view path) {
  if (path.ends_with(".html")) return "text/html; charset=utf-8";
  if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (path.ends_with(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

// FNV-1a: the file's version, so that a browser revalidates cheaply (304) and a new build's
// files are never taken for old ones.
std::string etag_of(std::string_view content) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : content) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  char text[19];
  std::snprintf(text, sizeof text, "\"%016llx\"", static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace

ConsoleEndpoint::ConsoleEndpoint() {
  for (const auto& file : embedded_files()) {
    files_.push_back(File{std::string(file.path), content_type_of(file.path), etag_of(file.content),
                          file.content});
  }
}

HttpResponse ConsoleEndpoint::serve(const HttpRequest& request) const {
  if (request.path == "/console") {  // relative links in the page need the trailing slash
    HttpResponse moved;
    moved.status = 308;
    moved.headers.emplace_back("location", "/console/");
    return moved;
  }
  const std::string path = request.path == "/console/" ? "/console/index.html" : request.path;
  for (const auto& file : files_) {
    if (file.path != path) continue;
    HttpResponse response;
    if (etag_matches(request.if_none_match, file.etag)) {
      response.status = 304;
    } else {
      response.content_type = file.content_type;
      response.body = std::string(file.content);
    }
    response.headers.emplace_back("etag", file.etag);
    response.headers.emplace_back("cache-control", "no-cache");
    response.headers.emplace_back("x-content-type-options", "nosniff");
    response.headers.emplace_back("referrer-policy", "no-referrer");
    response.headers.emplace_back(
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    return response;
  }
  throw RequestError(protocol::ErrorCode::not_found, "no such file: " + request.path);
}

}  // namespace parley::server
