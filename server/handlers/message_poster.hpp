#pragma once
// Posting a message to a conversation, for users, agents and the bot alike: the row and its
// `message.new` events, inside the caller's transaction.
#include <string>
#include <vector>

#include "handlers/services.hpp"

namespace parley::server {

struct PostedMessage {
  MessageRow message;
  protocol::Json json;  // message_json(message), made once for the events and the reply
  std::vector<StoredEvent> events;
};

// `attachments` (checked by claimed_attachments) are linked to the new message.
PostedMessage post_message(Services& services, const ConversationRow& conversation,
                           const Author& author, const std::string& client_id,
                           const std::string& text, std::vector<AttachmentRow> attachments = {});

}  // namespace parley::server
