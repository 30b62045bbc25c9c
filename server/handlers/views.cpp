#include "handlers/views.hpp"

#include <string>

#include "protocol/json_text.hpp"
#include "protocol/ticket_schema.hpp"
#include "storage/object_id.hpp"

namespace parley::server {
namespace {

protocol::Json message_ref(std::int64_t id) {
  return id > 0 ? protocol::Json(format_id(kMessageId, id)) : protocol::Json();
}

protocol::Json receipt_json(const ReceiptRow& r) {
  return {{"delivered_up_to", message_ref(r.delivered_up_to)},
          {"read_up_to", message_ref(r.read_up_to)}};
}

protocol::Json attachments_json(const std::vector<AttachmentRow>& attachments) {
  protocol::Json list = protocol::Json::array();
  for (const auto& a : attachments) list.push_back(attachment_json(a));
  return list;
}

}  // namespace

// Built member by member: a braced list would first build (and then copy) a two-element array
// per member, and a history page or a conversation list makes one of these per message.
protocol::Json author_json(const Author& author) {
  auto json = protocol::Json::object();
  json.emplace("kind", author.kind);
  json.emplace("id", author.id);
  json.emplace("name", author.name);
  return json;
}

protocol::Json message_json(const MessageRow& m) {
  auto json = protocol::Json::object();
  json.emplace("id", format_id(kMessageId, m.id));
  json.emplace("client_id", m.client_id);
  json.emplace("conversation_id", format_id(kConversationId, m.conversation_id));
  json.emplace("author", author_json(m.author));
  json.emplace("text", m.text);
  json.emplace("created_at", m.created_at);
  json.emplace("edited_at", m.edited_at);
  json.emplace("deleted", m.deleted);
  if (!m.attachments.empty()) json.emplace("attachments", attachments_json(m.attachments));
  return json;
}

std::string message_result_text(const MessageRow& m) {
  using protocol::append_json_string;
  std::string out;
  out.reserve(256 + m.text.size());
  out += R"({"message":{)";  // members in the order dump() writes them: by name
  if (!m.attachments.empty()) {
    out += R"("attachments":)";
    out += attachments_json(m.attachments).dump();
    out += ',';
  }
  out += R"("author":{"id":)";
  append_json_string(out, m.author.id);
  out += R"(,"kind":)";
  append_json_string(out, m.author.kind);
  out += R"(,"name":)";
  append_json_string(out, m.author.name);
  out += R"(},"client_id":)";
  append_json_string(out, m.client_id);
  out += R"(,"conversation_id":)";
  append_json_string(out, format_id(kConversationId, m.conversation_id));
  out += R"(,"created_at":)";
  out += std::to_string(m.created_at);
  out += R"(,"deleted":)";
  out += m.deleted ? "true" : "false";
  out += R"(,"edited_at":)";
  out += std::to_string(m.edited_at);
  out += R"(,"id":)";
  append_json_string(out, format_id(kMessageId, m.id));
  out += R"(,"text":)";
  append_json_string(out, m.text);
  out += "}}";
  return out;
}

protocol::Json conversation_json(const ConversationRow& c) {
  return {{"id", format_id(kConversationId, c.id)},
          {"user_id", c.user_id},
          {"status", c.status},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at},
          {"last_message", c.last_message ? message_json(*c.last_message) : protocol::Json()},
          {"assignee", c.assignee ? author_json(*c.assignee) : protocol::Json()},
          {"receipts", {{"user", receipt_json(c.user_receipt)}, {"agent", receipt_json(c.agent_receipt)}}},
          {"queue_position", c.waiting() ? protocol::Json(c.queue_position) : protocol::Json()}};
}

protocol::Json ticket_json(const TicketRow& t) {
  protocol::Json json = {{"id", format_id(kTicketId, t.id)},
          {"client_id", t.client_id},
          {"user_id", t.user_id},
          {"subject", t.subject},
          {"description", t.description},
          {"status", t.status},
          {"priority", t.priority},
          {"category", t.category},
          {"created_at", t.created_at},
          {"updated_at", t.updated_at},
          {"fields", protocol::string_map_json(t.fields)},
          {"metadata", protocol::string_map_json(t.metadata)},
          {"assignee", t.assignee ? author_json(*t.assignee) : protocol::Json()},
          {"rating", t.rating > 0 ? protocol::Json{{"score", t.rating},
                                                   {"comment", t.rating_comment},
                                                   {"rated_at", t.rated_at}}
                                  : protocol::Json()}};
  if (!t.attachments.empty()) json["attachments"] = attachments_json(t.attachments);
  return json;
}

protocol::Json comment_json(const CommentRow& c) {
  protocol::Json json = {{"id", format_id(kCommentId, c.id)},
          {"client_id", c.client_id},
          {"ticket_id", format_id(kTicketId, c.ticket_id)},
          {"author", author_json(c.author)},
          {"text", c.text},
          {"created_at", c.created_at}};
  if (!c.attachments.empty()) json["attachments"] = attachments_json(c.attachments);
  return json;
}

protocol::Json article_json(const ArticleRow& a) {
  return {{"id", a.content.id},
          {"locale", a.content.locale},
          {"category", a.content.category},
          {"title", a.content.title},
          {"body", a.content.body},
          {"tags", a.content.tags},
          {"version", a.version}};
}

protocol::Json attachment_json(const AttachmentRow& a) {
  return {{"id", format_id(kAttachmentId, a.id)},
          {"name", a.name},
          {"content_type", a.content_type},
          {"size", a.size},
          {"received", a.received},
          {"complete", a.complete()},
          {"created_at", a.created_at}};
}

}  // namespace parley::server
