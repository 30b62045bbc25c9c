#include "handlers/message_poster.hpp"

#include "handlers/attachment_claims.hpp"

#include "common/clock.hpp"
#include "handlers/audience.hpp"
#include "handlers/views.hpp"

namespace parley::server {

PostedMessage post_message(Services& services, const ConversationRow& conversation,
                           const Author& author, const std::string& client_id,
                           const std::string& text, std::vector<AttachmentRow> attachments) {
  const std::int64_t now = now_ms();
  PostedMessage posted;
  posted.message = services.conversations.add_message(conversation.id, client_id, author, text, now);
  link_to_message(services, attachments, posted.message.id);
  posted.message.attachments = std::move(attachments);
  posted.result_json = std::make_shared<const std::string>(message_result_text(posted.message));
  posted.events = append_for_user_and_agents(services, conversation.user_id, "message.new",
                                             posted.result_json, now);
  return posted;
}

}  // namespace parley::server
