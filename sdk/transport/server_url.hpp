#pragma once
// The parts of a server URL ("ws://host:port/path" or "wss://…") that a connection needs.
#include <optional>
#include <string>
#include <string_view>

namespace parley::transport {

struct ServerUrl {
  bool tls = false;
  std::string host;  // without the brackets of an IPv6 literal
  int port = 0;
  std::string path;  // starts with '/'
};

// nullopt if `url` is not a ws:// or wss:// URL with a host and a valid port (if given).
std::optional<ServerUrl> parse_server_url(std::string_view url);

}  // namespace parley::transport
