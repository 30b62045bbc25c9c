#include "app/options.hpp"

#include <charconv>
#include <limits>

#include "protocol/frame.hpp"

namespace parley::server {
namespace {

// Walks the arguments of one command, handing out flag values with clear errors.
class ArgReader {
 public:
  ArgReader(const std::vector<std::string>& args, std::size_t start) : args_(args), next_(start) {}

  bool done() const { return next_ >= args_.size(); }
  const std::string& flag() { return args_[next_++]; }

  std::string value(const std::string& flag) {
    if (done()) throw UsageError(flag + " needs a value");
    return args_[next_++];
  }

  std::int64_t integer(const std::string& flag, std::int64_t min, std::int64_t max) {
    const std::string text = value(flag);
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
      throw UsageError(flag + " must be an integer from " + std::to_string(min) + " to " +
                       std::to_string(max) + ", not \"" + text + "\"");
    }
    return v;
  }

 private:
  const std::vector<std::string>& args_;
  std::size_t next_;
};

std::string resolve_secret(const std::string& flag_secret, const char* env_secret, bool dev) {
  if (!flag_secret.empty()) return flag_secret;
  if (env_secret != nullptr && *env_secret != '\0') return env_secret;
  if (dev) return kDevSecret;
  throw UsageError("a secret is required: pass --secret S or set PARLEY_SECRET (or use --dev)");
}

ServeOptions parse_serve(const std::vector<std::string>& args, const char* env_secret) {
  constexpr std::int64_t kMaxFrame = 64LL * 1024 * 1024;
  ServeOptions o;
  std::string secret;
  bool dev = false;
  ArgReader in(args, 0);
  while (!in.done()) {
    const std::string flag = in.flag();
    if (flag == "--db") o.db_path = in.value(flag);
    else if (flag == "--host") o.host = in.value(flag);
    else if (flag == "--port") o.port = static_cast<int>(in.integer(flag, 0, 65535));
    else if (flag == "--faq") o.faq_dir = in.value(flag);
    else if (flag == "--ticket-schema") o.ticket_schema_path = in.value(flag);
    else if (flag == "--max-attachment-bytes")
      o.max_attachment_bytes = in.integer(flag, 1, 1LL << 40);
    else if (flag == "--secret") secret = in.value(flag);
    else if (flag == "--dev") dev = true;
    else if (flag == "--no-bot") o.bot = false;
    else if (flag == "--heartbeat-ms") o.heartbeat_ms = in.integer(flag, 100, 3'600'000);
    else if (flag == "--max-frame-bytes")
      o.limits.max_frame_bytes = static_cast<std::size_t>(in.integer(flag, 1024, kMaxFrame));
    else if (flag == "--max-text-bytes")
      o.limits.max_text_bytes = static_cast<std::size_t>(in.integer(flag, 1, kMaxFrame));
    else throw UsageError("unknown option \"" + flag + "\"");
  }
  if (o.limits.max_text_bytes >= o.limits.max_frame_bytes) {
    throw UsageError("--max-text-bytes must be smaller than --max-frame-bytes");
  }
  if (o.db_path.empty()) throw UsageError("--db must not be empty");
  o.secret = resolve_secret(secret, env_secret, dev);
  return o;
}

MintOptions parse_mint(const std::vector<std::string>& args, const char* env_secret) {
  MintOptions o;
  std::string secret;
  bool dev = false;
  ArgReader in(args, 1);
  while (!in.done()) {
    const std::string flag = in.flag();
    if (flag == "--secret") secret = in.value(flag);
    else if (flag == "--dev") dev = true;
    else if (flag == "--sub") o.sub = in.value(flag);
    else if (flag == "--name") o.name = in.value(flag);
    else if (flag == "--kind") {
      const std::string kind = in.value(flag);
      const auto parsed = principal_kind_from_string(kind);
      if (!parsed) throw UsageError("--kind must be user or agent, not \"" + kind + "\"");
      o.kind = *parsed;
    } else if (flag == "--ttl") {
      o.ttl_seconds = in.integer(flag, std::numeric_limits<std::int32_t>::min(),
                                 std::numeric_limits<std::int32_t>::max());
    } else {
      throw UsageError("unknown mint-token option \"" + flag + "\"");
    }
  }
  if (o.sub.empty() || o.sub.size() > protocol::kMaxIdBytes) {
    throw UsageError("mint-token needs --sub ID of 1-64 bytes");
  }
  o.secret = resolve_secret(secret, env_secret, dev);
  return o;
}

}  // namespace

Command parse_command_line(const std::vector<std::string>& args, const char* env_secret) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") return HelpRequest{};
  }
  if (!args.empty() && args.front() == "mint-token") return parse_mint(args, env_secret);
  return parse_serve(args, env_secret);
}

std::string usage_text() {
  return "usage: parley-server [--db PATH] [--host HOST] [--port N] [--faq DIR] [--secret S]\n"
         "                     [--dev] [--no-bot] [--heartbeat-ms N] [--max-frame-bytes N]\n"
         "                     [--max-text-bytes N] [--ticket-schema FILE]\n"
         "                     [--max-attachment-bytes N]\n"
         "       parley-server mint-token (--secret S | --dev) --sub ID [--name NAME]\n"
         "                     [--kind user|agent] [--ttl SECONDS]\n"
         "The secret may also be given in the environment variable PARLEY_SECRET.\n"
         "See docs/server.md.\n";
}

}  // namespace parley::server
