#pragma once
// Changes to a conversation itself (assignment, receipts, the queue for a person) and the
// `conversation.updated` events that report them, inside the caller's transaction.
#include <cstdint>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "handlers/services.hpp"

namespace parley::server {

// `conversation.updated` with the conversation as it is now, to its user and every agent.
std::vector<StoredEvent> conversation_updated(Services& services, std::int64_t conversation_id,
                                              const std::string& change, std::int64_t now_ms);

// Assigns the conversation to `agent`; no events if it already was. A conversation that was
// waiting leaves the queue: the users behind it hear their new places.
std::vector<StoredEvent> assign_conversation(Services& services, const ConversationRow& conversation,
                                             const Principal& agent, std::int64_t now_ms);

// Puts an open, unassigned conversation in the queue for a person ("queued", to its user and
// every agent); no events if it is assigned or waiting already.
std::vector<StoredEvent> enqueue_conversation(Services& services, const ConversationRow& conversation,
                                              std::int64_t now_ms);

}  // namespace parley::server
