#pragma once
// GET /console/… — the agent console (server/console/, built into the binary): a plain web
// page that signs an agent in with their token and works over the agent WebSocket. Served
// with an ETag (304 when unchanged) and a Content-Security-Policy that lets the page load
// only its own files and talk only to this server.
#include <string>
#include <vector>

#include "http/http_message.hpp"

namespace parley::server {

class ConsoleEndpoint {
 public:
  ConsoleEndpoint();
  static bool handles(std::string_view path) { return path == "/console" || path.starts_with("/console/"); }
  HttpResponse serve(const HttpRequest& request) const;

 private:
  struct File {
    std::string path;
    std::string content_type;
    std::string etag;
    std::string_view content;
  };
  std::vector<File> files_;
};

}  // namespace parley::server
