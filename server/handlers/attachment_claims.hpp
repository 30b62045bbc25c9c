#pragma once
// The "attachments" argument of chat.send, agent.reply, ticket.create and ticket.comment: the uploads the
// message or comment carries, and linking them to it.
#include <cstdint>
#include <vector>

#include "handlers/call.hpp"

namespace parley::server {

inline constexpr std::size_t kMaxAttachmentsPerItem = 10;

// At most 10 ids of complete attachments that the caller uploaded and has not attached to
// anything yet (another's or an unknown id: not_found; incomplete or attached: conflict).
std::vector<AttachmentRow> claimed_attachments(Call& call);
// Whether the call names any attachment: a message of files alone (a photo) needs no words.
bool names_attachments(const Call& call);
void link_to_message(Services& services, std::vector<AttachmentRow>& attachments, std::int64_t message_id);
void link_to_comment(Services& services, std::vector<AttachmentRow>& attachments, std::int64_t comment_id);
void link_to_ticket(Services& services, std::vector<AttachmentRow>& attachments, std::int64_t ticket_id);

}  // namespace parley::server
