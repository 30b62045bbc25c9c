#include "handlers/typing_ops.hpp"

#include "handlers/lookup.hpp"
#include "protocol/args.hpp"
#include "handlers/views.hpp"
#include "storage/object_id.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t kTypingPerSecond = 5;

// At most kTypingPerSecond in any second, per connection: a sliding window of the last ones.
void check_rate(SessionState& state) {
  const auto now = SteadyClock::now();
  auto& recent = state.recent_typing;
  while (!recent.empty() && now - recent.front() >= std::chrono::seconds(1)) recent.pop_front();
  if (recent.size() >= kTypingPerSecond) {
    throw RequestError(ErrorCode::rate_limited, "more than 5 chat.typing per second");
  }
  recent.push_back(now);
}

}  // namespace

Outcome handle_chat_typing(Call& call) {
  const bool typing = protocol::bool_arg(call.args, "typing");
  const auto conversation = visible_conversation(call, "conversation_id");
  check_rate(call.peer.state());

  EphemeralEvent live;
  live.log_ids = {call.is_agent() ? conversation.user_id : kAgentsFeed};
  live.event.name = "chat.typing";
  live.event.data = {{"conversation_id", format_id(kConversationId, conversation.id)},
                     {"author", author_json(call.author())},
                     {"typing", typing}};
  Outcome outcome;
  outcome.ephemeral.push_back(std::move(live));
  return outcome;
}

}  // namespace parley::server
