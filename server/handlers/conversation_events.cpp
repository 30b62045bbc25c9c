#include "handlers/conversation_events.hpp"

#include <algorithm>
#include <stdexcept>

#include "handlers/audience.hpp"
#include "handlers/views.hpp"

namespace parley::server {

std::vector<StoredEvent> conversation_updated(Services& services, std::int64_t conversation_id,
                                              const std::string& change, std::int64_t now_ms) {
  const auto conversation = services.conversations.find(conversation_id);
  if (!conversation) throw std::logic_error("conversation_updated: no such conversation");
  return append_for_user_and_agents(services, conversation->user_id, "conversation.updated",
                                    {{"conversation", conversation_json(*conversation)},
                                     {"change", change}},
                                    now_ms);
}

namespace {

// Each user whose conversation moved up in the queue since `before` hears its new place
// ("queue", to that user only: agents see the order in their queue already).
void tell_who_moved_up(Services& services, const std::vector<ConversationRow>& before,
                       std::int64_t now_ms, std::vector<StoredEvent>& events) {
  for (const auto& now_waiting : services.conversations.waiting()) {
    const auto was = std::find_if(before.begin(), before.end(),
                                  [&](const ConversationRow& c) { return c.id == now_waiting.id; });
    if (was != before.end() && was->queue_position == now_waiting.queue_position) continue;
    events.push_back(services.events.append(
        now_waiting.user_id, "conversation.updated",
        protocol::Json{{"conversation", conversation_json(now_waiting)}, {"change", "queue"}}, now_ms));
  }
}

}  // namespace

std::vector<StoredEvent> assign_conversation(Services& services, const ConversationRow& conversation,
                                             const Principal& agent, std::int64_t now_ms) {
  if (conversation.assignee && conversation.assignee->id == agent.id) return {};
  const auto before = conversation.waiting() ? services.conversations.waiting()
                                             : std::vector<ConversationRow>{};
  services.conversations.assign(conversation.id, agent.id);
  auto events = conversation_updated(services, conversation.id, "assigned", now_ms);
  if (conversation.waiting()) tell_who_moved_up(services, before, now_ms, events);
  return events;
}

std::vector<StoredEvent> enqueue_conversation(Services& services, const ConversationRow& conversation,
                                              std::int64_t now_ms) {
  if (conversation.assignee || conversation.queued_at > 0 || conversation.status != "open") return {};
  services.conversations.enqueue(conversation.id, now_ms);
  return conversation_updated(services, conversation.id, "queued", now_ms);
}

}  // namespace parley::server
