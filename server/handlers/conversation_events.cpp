#include "handlers/conversation_events.hpp"

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

std::vector<StoredEvent> assign_conversation(Services& services, const ConversationRow& conversation,
                                             const Principal& agent, std::int64_t now_ms) {
  if (conversation.assignee && conversation.assignee->id == agent.id) return {};
  services.conversations.assign(conversation.id, agent.id);
  return conversation_updated(services, conversation.id, "assigned", now_ms);
}

}  // namespace parley::server
