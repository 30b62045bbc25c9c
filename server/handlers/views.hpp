#pragma once
// Stored rows as the value objects of docs/protocol.md, section 6.
#include "protocol/frame.hpp"
#include "storage/articles.hpp"
#include "storage/attachments.hpp"
#include "storage/conversations.hpp"
#include "storage/tickets.hpp"

namespace parley::server {

protocol::Json author_json(const Author& author);
protocol::Json message_json(const MessageRow& message);
// {"message": message_json(message)} as text, the bytes its dump() gives, written without the
// tree: a posted message's reply and events carry it, on the path of every chat message.
std::string message_result_text(const MessageRow& message);
protocol::Json conversation_json(const ConversationRow& conversation);
protocol::Json ticket_json(const TicketRow& ticket);
protocol::Json comment_json(const CommentRow& comment);
protocol::Json article_json(const ArticleRow& article);
protocol::Json attachment_json(const AttachmentRow& attachment);

}  // namespace parley::server
