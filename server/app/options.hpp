#pragma once
// The command line of parley-server:
//   parley-server [--db PATH] [--host H] [--port N] [--faq DIR] [--secret S] [--dev] [--no-bot]
//                 [--heartbeat-ms N] [--max-frame-bytes N] [--max-text-bytes N]
//                 [--ticket-schema FILE] [--max-attachment-bytes N]
//   parley-server mint-token (--secret S | --dev) --sub ID [--name N] [--kind user|agent]
//                 [--ttl SECONDS]
// The secret may also come from the environment variable PARLEY_SECRET.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "auth/principal.hpp"
#include "protocol/limits.hpp"

namespace parley::server {

// The secret --dev falls back to. It is public, so tokens signed with it prove nothing.
inline constexpr const char* kDevSecret = "parley-dev-secret";

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ServeOptions {
  std::string db_path = "./parley.db";
  std::string host = "127.0.0.1";
  int port = 8787;
  std::string faq_dir;  // empty = keep the stored catalogue as it is
  std::string ticket_schema_path;
  std::int64_t max_attachment_bytes = 10 * 1024 * 1024;  // JSON (docs/server.md); empty = free categories, no fields
  std::string secret;  // kDevSecret with --dev and no other secret
  bool bot = true;
  std::int64_t heartbeat_ms = protocol::kDefaultHeartbeatMs;
  protocol::Limits limits;
};

struct MintOptions {
  std::string secret;
  std::string sub;
  std::string name;
  PrincipalKind kind = PrincipalKind::user;
  std::int64_t ttl_seconds = 3600;
};

struct HelpRequest {};

using Command = std::variant<ServeOptions, MintOptions, HelpRequest>;

// `args` excludes the program name; `env_secret` is PARLEY_SECRET (null if unset).
// Throws UsageError with a sentence naming the problem.
Command parse_command_line(const std::vector<std::string>& args, const char* env_secret);

std::string usage_text();

}  // namespace parley::server
