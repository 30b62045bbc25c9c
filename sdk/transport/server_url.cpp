#include "transport/server_url.hpp"

#include <charconv>

namespace parley::transport {
namespace {

bool consume_prefix(std::string_view& text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) return false;
  text.remove_prefix(prefix.size());
  return true;
}

std::optional<int> parse_port(std::string_view digits) {
  int port = 0;
  const auto* end = digits.data() + digits.size();
  const auto [ptr, ec] = std::from_chars(digits.data(), end, port);
  if (digits.empty() || ec != std::errc() || ptr != end || port < 1 || port > 65535) {
    return std::nullopt;
  }
  return port;
}

}  // namespace

std::optional<ServerUrl> parse_server_url(std::string_view url) {
  ServerUrl out;
  if (consume_prefix(url, "wss://")) {
    out.tls = true;
  } else if (!consume_prefix(url, "ws://")) {
    return std::nullopt;
  }
  const auto slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  out.path = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));

  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {  // [IPv6]:port
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && !consume_prefix(rest, ":")) return std::nullopt;
    port_text = rest;
  } else {
    const auto colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return std::nullopt;
    }
  }
  if (out.host.empty() || out.host.find_first_of("@ ") != std::string::npos) return std::nullopt;
  if (port_text.empty()) {
    out.port = out.tls ? 443 : 80;
  } else if (auto port = parse_port(port_text)) {
    out.port = *port;
  } else {
    return std::nullopt;
  }
  return out;
}

}  // namespace parley::transport
