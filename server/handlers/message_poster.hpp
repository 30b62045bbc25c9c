#pragma once
// Posting a message to a conversation, for users, agents and the bot alike: the row and its
// `message.new` events, inside the caller's transaction.
#include <memory>
#include <string>
#include <vector>

#include "handlers/services.hpp"

namespace parley::server {

struct PostedMessage {
  MessageRow message;
  // {"message": message_json(message)} as JSON text: the events' data and the reply's result,
  // encoded once for both.
  std::shared_ptr<const std::string> result_json;
  std::vector<StoredEvent> events;
};

// `attachments` (checked by claimed_attachments) are linked to the new message.
PostedMessage post_message(Services& services, const ConversationRow& conversation,
                           const Author& author, const std::string& client_id,
                           const std::string& text, std::vector<AttachmentRow> attachments = {});

}  // namespace parley::server
