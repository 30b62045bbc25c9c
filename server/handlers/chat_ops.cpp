#include "handlers/chat_ops.hpp"

#include <cstdio>

#include "bot/faq_bot.hpp"
#include "common/clock.hpp"
#include "handlers/attachment_claims.hpp"
#include "handlers/conversation_events.hpp"
#include "handlers/lookup.hpp"
#include "handlers/message_poster.hpp"
#include "handlers/views.hpp"
#include "protocol/args.hpp"
#include "storage/object_id.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;
using protocol::Json;

// The bot answers in its own transaction after the user's message is committed: the user's
// write is acknowledged whatever happens to the answer. Its client_id names the message it
// answers, so that it can be stored only once.
// Whether the bot found an article that answers the question.
bool bot_answer(Call& call, const ConversationRow& conversation, const MessageRow& question,
                std::vector<StoredEvent>& events) {
  const std::string text = call.services.bot->answer(question.text, call.peer.state().locale);
  sqlite::Transaction tx(call.services.db);
  auto posted = post_message(call.services, conversation, kBotAuthor,
                             "bot-" + format_id(kMessageId, question.id), text);
  tx.commit();
  events.insert(events.end(), posted.events.begin(), posted.events.end());
  return text != FaqBot::kNoAnswer;
}

}  // namespace

Outcome handle_chat_send(Call& call) {
  call.require_user();
  const auto& limits = call.services.settings.limits;
  const auto client_id = *protocol::id_arg(call.args, "client_id");
  const auto text =
      *protocol::text_arg(call.args, "text", {limits.max_text_bytes, true, !names_attachments(call)});
  const bool named = call.args.contains("conversation_id") && !call.args["conversation_id"].is_null();
  auto& conversations = call.services.conversations;

  if (auto repeat = conversations.find_message(call.principal().id, client_id)) {
    return reply_with({{"message", message_json(*repeat)}});
  }
  Outcome outcome;

  // The conversation's last message is not needed here (nor loaded): only ids are used.
  ConversationRow conversation;
  bool started = false;  // the bot answers the first message, which is the one that starts it
  if (named) {
    conversation = visible_conversation(call, "conversation_id", LastMessage::skip);
  } else if (auto open = conversations.open_for_user(call.principal().id, LastMessage::skip)) {
    conversation = std::move(*open);
  } else {
    conversation = conversations.create(call.principal().id, now_ms());
    started = true;
  }
  auto posted = post_message(call.services, conversation, call.author(), client_id, text,
                             claimed_attachments(call));

  outcome.result_json = std::move(posted.result_json);
  outcome.events = std::move(posted.events);
  bool answered = false;
  if (started && call.services.bot != nullptr) {
    try {
      answered = bot_answer(call, conversation, posted.message, outcome.events);
    } catch (const std::exception& e) {
      // The user's message is committed and must be acknowledged; an agent will answer.
      std::fprintf(stderr, "parley-server: the bot could not answer in %s: %s\n",
                   format_id(kConversationId, conversation.id).c_str(), e.what());
    }
  }
  // Behind a bot, whatever it could not answer (its first message when no article fits;
  // anything after its answer) waits in the queue for a person. Without one, every open
  // conversation is the agents' at once (agent.queue), and only chat.handoff queues one.
  if (!answered && call.services.bot != nullptr) {
    auto queued = enqueue_conversation(call.services, conversation, now_ms());
    outcome.events.insert(outcome.events.end(), queued.begin(), queued.end());
  }
  return outcome;
}

Outcome handle_chat_handoff(Call& call) {
  call.require_user();
  std::optional<ConversationRow> conversation;
  if (call.args.contains("conversation_id") && !call.args["conversation_id"].is_null()) {
    conversation = visible_conversation(call, "conversation_id", LastMessage::skip);
  } else {
    conversation = call.services.conversations.open_for_user(call.principal().id, LastMessage::skip);
    if (!conversation) throw RequestError(ErrorCode::not_found, "there is no open conversation");
  }
  if (conversation->status != "open") {
    throw RequestError(ErrorCode::conflict, "the conversation is closed");
  }
  Outcome outcome;
  outcome.events = enqueue_conversation(call.services, *conversation, now_ms());
  outcome.result = {{"conversation", conversation_json(*call.services.conversations.find(conversation->id))}};
  return outcome;
}

Outcome handle_chat_history(Call& call) {
  std::int64_t before = 0;
  if (const auto before_id = protocol::id_arg(call.args, "before", false)) {
    const auto parsed = parse_id(kMessageId, *before_id);
    if (!parsed) throw protocol::ArgError(ErrorCode::bad_request, "\"before\" must be a message id");
    before = *parsed;
  }
  const auto limit = protocol::uint_arg(call.args, "limit", 50, 1, 100);
  const auto conversation = visible_conversation(call, "conversation_id");
  const auto page = call.services.conversations.history(conversation.id, before, limit);

  Json messages = Json::array();
  for (const auto& m : page.messages) messages.push_back(message_json(m));
  return reply_with({{"messages", std::move(messages)}, {"has_more", page.has_more}});
}

Outcome handle_chat_conversations(Call& call) {
  const std::string user = call.is_agent() ? std::string() : call.principal().id;
  Json list = Json::array();
  for (const auto& c : call.services.conversations.list(user, false)) list.push_back(conversation_json(c));
  return reply_with({{"conversations", std::move(list)}});
}

}  // namespace parley::server
