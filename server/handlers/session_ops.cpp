#include "handlers/session_ops.hpp"

#include <limits>

#include "attachments/attachment_rules.hpp"
#include "handlers/authenticate.hpp"
#include "bot/faq_bot.hpp"
#include "common/clock.hpp"
#include "faq/locale.hpp"
#include "protocol/args.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;
using protocol::Json;
constexpr std::size_t kMaxTokenBytes = 4096;

Json limits_json(const ProtocolSettings& settings) {
  const auto& limits = settings.limits;
  Json types = Json::array();
  for (auto type : attachment_types()) types.push_back(type);
  return {{"max_frame_bytes", limits.max_frame_bytes},
          {"max_text_bytes", limits.max_text_bytes},
          {"max_subject_bytes", limits.max_subject_bytes},
          {"max_batch", limits.max_batch},
          {"max_attachment_bytes", settings.max_attachment_bytes},
          {"attachment_types", std::move(types)}};
}

bool optional_bool_arg(const Json& args, const char* key) {
  const auto it = args.find(key);
  if (it == args.end() || it->is_null()) return false;
  if (!it->is_boolean()) {
    throw protocol::ArgError(ErrorCode::bad_request, std::string("\"") + key + "\" must be true or false");
  }
  return it->get<bool>();
}

}  // namespace

Outcome handle_hello(Call& call) {
  auto& state = call.peer.state();
  if (state.principal) throw RequestError(ErrorCode::conflict, "this session has already said hello");

  const auto token = protocol::text_arg(call.args, "token", {kMaxTokenBytes, true, true});
  const auto resume_from = protocol::uint_arg(call.args, "resume_from", 0, 0,
                                              std::numeric_limits<std::int64_t>::max());
  const protocol::TextRule info_rule{protocol::kMaxClientInfoBytes, false, false};
  for (const char* key : {"sdk", "app", "platform"}) protocol::text_arg(call.args, key, info_rule);
  const auto locale = protocol::text_arg(call.args, "locale", info_rule);
  const bool live_only = optional_bool_arg(call.args, "live_only");

  Principal principal = authenticate(call.services, *token);
  if (principal.id == kBotAuthor.id || principal.id == kAgentsFeed) {
    // The bot writes as the one; the other is the agents' shared event log. A principal of
    // either name could read or block what is not theirs.
    throw RequestError(ErrorCode::forbidden, "the principal id \"" + principal.id + "\" is reserved");
  }
  auto& principals = call.services.principals;
  {
    if (auto known = principals.find(principal.id); known && known->kind != principal.kind) {
      throw RequestError(ErrorCode::forbidden, "principal \"" + principal.id + "\" is a " +
                                                   std::string(to_string(known->kind)) +
                                                   ", not a " +
                                                   std::string(to_string(principal.kind)));
    }
    principals.save(principal, now_ms());
  }

  const auto resumption = call.services.events.resume(log_of(principal), resume_from);
  const std::uint64_t latest = resumption.latest_seq;
  // live_only replays nothing, so any cursor will do.
  const bool resync = !live_only && !resumption.possible;

  Outcome outcome = reply_with({{"protocol", protocol::kProtocolVersion},
                                {"principal",
                                 {{"id", principal.id},
                                  {"kind", to_string(principal.kind)},
                                  {"name", principal.name}}},
                                {"server_time", now_ms()},
                                {"heartbeat_ms", call.services.settings.heartbeat_ms},
                                {"limits", limits_json(call.services.settings)},
                                {"latest_seq", latest},
                                {"server_id", call.services.server_id},
                                {"resync", resync}});
  // live_only: a client that keeps no copy (the agent console) loads what it shows afresh and
  // wants only what happens from now on.
  if (!resync) outcome.replay_after = live_only ? latest : resume_from;
  outcome.attach = true;
  state.principal = std::move(principal);
  state.locale = normalize_locale(locale.value_or(""));
  return outcome;
}

Outcome handle_ping(Call& /*call*/) { return reply_with({{"server_time", now_ms()}}); }

}  // namespace parley::server
