#include "capi/event_json.hpp"

#include "capi/enums.hpp"
#include "protocol/ticket_schema.hpp"

namespace parley::capi {
namespace {

using Json = nlohmann::ordered_json;

Json to_json(const Author& a) { return Json{{"kind", a.kind}, {"id", a.id}, {"name", a.name}}; }

Json to_json(const Attachment& a) {
  return Json{{"id", a.id},       {"name", a.name},         {"content_type", a.content_type},
              {"size", a.size},   {"received", a.received}, {"complete", a.complete},
              {"created_at", a.created_at}};
}

Json to_json(const std::vector<Attachment>& attachments) {
  Json array = Json::array();
  for (const auto& a : attachments) array.push_back(to_json(a));
  return array;
}

Json to_json(const Message& m) {
  return Json{{"id", m.id},
              {"client_id", m.client_id},
              {"conversation_id", m.conversation_id},
              {"author", to_json(m.author)},
              {"text", m.text},
              {"created_at", m.created_at},
              {"edited_at", m.edited_at},
              {"deleted", m.deleted},
              {"state", delivery_name(m.state)},
              {"attachments", to_json(m.attachments)}};
}

Json id_or_null(const std::string& id) { return id.empty() ? Json(nullptr) : Json(id); }

Json to_json(const Receipt& r) {
  return Json{{"delivered_up_to", id_or_null(r.delivered_up_to)},
              {"read_up_to", id_or_null(r.read_up_to)}};
}

Json to_json(const Conversation& c) {
  return Json{{"id", c.id},
              {"user_id", c.user_id},
              {"status", c.status},
              {"created_at", c.created_at},
              {"updated_at", c.updated_at},
              {"assignee", c.assignee.id.empty() ? Json(nullptr) : to_json(c.assignee)},
              {"receipts", {{"user", to_json(c.user_receipt)}, {"agent", to_json(c.agent_receipt)}}},
              {"unread_count", c.unread_count},
              {"queue_position", c.queue_position > 0 ? Json(c.queue_position) : Json(nullptr)}};
}

Json to_json(const Ticket& t) {
  return Json{{"id", t.id},
              {"client_id", t.client_id},
              {"user_id", t.user_id},
              {"subject", t.subject},
              {"description", t.description},
              {"status", t.status},
              {"priority", t.priority},
              {"category", t.category},
              {"created_at", t.created_at},
              {"updated_at", t.updated_at},
              {"fields", t.fields},
              {"metadata", t.metadata},
              {"assignee", t.assignee.id.empty() ? Json(nullptr) : to_json(t.assignee)},
              {"rating", t.rating.score == 0 ? Json(nullptr)
                                             : Json{{"score", t.rating.score},
                                                    {"comment", t.rating.comment},
                                                    {"rated_at", t.rating.rated_at}}},
              {"attachments", to_json(t.attachments)}};
}

Json to_json(const Comment& c) {
  return Json{{"id", c.id},
              {"client_id", c.client_id},
              {"ticket_id", c.ticket_id},
              {"author", to_json(c.author)},
              {"text", c.text},
              {"created_at", c.created_at},
              {"attachments", to_json(c.attachments)}};
}

Json to_json(const Article& a) {
  return Json{{"id", a.id},         {"locale", a.locale}, {"category", a.category},
              {"title", a.title},   {"body", a.body},     {"tags", a.tags},
              {"version", a.version}};
}

Json to_json(const SearchHit& h) {
  return Json{{"article", to_json(h.article)}, {"score", h.score}, {"snippet", h.snippet}};
}

template <class T>
Json list(const std::vector<T>& items) {
  Json array = Json::array();
  for (const auto& item : items) array.push_back(to_json(item));
  return array;
}

// The single object a reply or notice is about; null when the request failed.
template <class T>
Json first(const std::vector<T>& items) {
  return items.empty() ? Json(nullptr) : to_json(items.front());
}

Json error_json(const Error& error) {
  if (error.ok()) return nullptr;
  return Json{{"code", status_name(status_of(error.code))}, {"message", error.message}};
}

}  // namespace

Json event_to_json(const Event& ev) {
  Json doc{{"type", kind_name(kind_of(ev.type))}, {"tag", ev.tag}, {"error", error_json(ev.error)}};
  switch (ev.type) {
    case EventType::connection_changed:
      doc["connection"] = connection_name(ev.connection);
      doc["principal"] =
          ev.connection == ConnectionState::connected ? to_json(ev.principal) : Json(nullptr);
      break;
    case EventType::auth_failed:
    case EventType::resynced:
    case EventType::store_health_changed:
      break;
    case EventType::message_received:
      doc["message"] = first(ev.messages);
      break;
    case EventType::message_sent:
      doc["client_id"] = ev.client_id;
      doc["message"] = first(ev.messages);
      break;
    case EventType::history_loaded:
      doc["messages"] = list(ev.messages);
      doc["has_more"] = ev.has_more;
      break;
    case EventType::conversations_listed:
      doc["conversations"] = list(ev.conversations);
      break;
    case EventType::ticket_updated:
      doc["ticket"] = first(ev.tickets);
      doc["change"] = ev.change;
      break;
    case EventType::ticket_comment:
      doc["comment"] = first(ev.comments);
      break;
    case EventType::ticket_created:
      doc["client_id"] = ev.client_id;
      doc["ticket"] = first(ev.tickets);
      break;
    case EventType::tickets_listed:
      doc["tickets"] = list(ev.tickets);
      doc["has_more"] = ev.has_more;
      break;
    case EventType::ticket_changed:
      doc["client_id"] = ev.client_id;
      doc["ticket"] = first(ev.tickets);
      doc["change"] = ev.change;
      break;
    case EventType::ticket_schema_loaded:
      doc["schema"] = ticket_schema_to_json(ev.ticket_schema);
      break;
    case EventType::ticket_loaded:
      doc["ticket"] = first(ev.tickets);
      doc["comments"] = list(ev.comments);
      break;
    case EventType::comment_added:
      doc["client_id"] = ev.client_id;
      doc["comment"] = first(ev.comments);
      break;
    case EventType::ticket_status_set:
      doc["ticket"] = first(ev.tickets);
      break;
    case EventType::agent_queue_loaded:
      doc["conversations"] = list(ev.conversations);
      doc["tickets"] = list(ev.tickets);
      break;
    case EventType::faq_synced:
      doc["count"] = ev.count;
      doc["version"] = ev.version;
      break;
    case EventType::faq_results:
      doc["hits"] = list(ev.hits);
      break;
    case EventType::message_updated:
      doc["message"] = first(ev.messages);
      doc["change"] = ev.change;
      break;
    case EventType::message_edited:
      doc["client_id"] = ev.client_id;
      doc["message"] = first(ev.messages);
      doc["change"] = ev.change;
      break;
    case EventType::conversation_updated:
      doc["conversation"] = first(ev.conversations);
      doc["change"] = ev.change;
      break;
    case EventType::conversation_taken:
      doc["conversation"] = first(ev.conversations);
      break;
    case EventType::attachment_progress:
    case EventType::attachment_uploaded:
      doc["upload_id"] = ev.upload_id;
      // The write the file goes with (parley_chat_send_with_files …); null for an upload alone.
      doc["client_id"] = ev.client_id.empty() ? Json(nullptr) : Json(ev.client_id);
      doc["attachment"] = ev.attachment.id.empty() ? Json(nullptr) : to_json(ev.attachment);
      break;
    case EventType::attachment_downloaded:
      doc["attachment_id"] = ev.attachment_id;
      doc["path"] = ev.path.empty() ? Json(nullptr) : Json(ev.path);
      break;
    case EventType::agent_requested:
      doc["client_id"] = ev.client_id;
      doc["conversation"] = first(ev.conversations);
      break;
    case EventType::article_rated:
      doc["client_id"] = ev.client_id;
      doc["feedback"] = Json{{"article_id", ev.feedback.article_id},
                             {"helpful", ev.feedback.helpful},
                             {"helpful_count", ev.feedback.helpful_count},
                             {"not_helpful_count", ev.feedback.not_helpful_count}};
      break;
    case EventType::typing_changed:
      doc["conversation_id"] = ev.conversation_id;
      doc["author"] = to_json(ev.principal);
      doc["typing"] = ev.typing;
      break;
    case EventType::token_expiring:
      doc["seconds_left"] = ev.count;
      break;
  }
  return doc;
}

Json ticket_schema_to_json(const TicketSchema& schema) {
  return Json(protocol::ticket_schema_json(schema));  // the wire's form, in key order
}

Json tickets_to_json(const std::vector<Ticket>& tickets) { return Json{{"tickets", list(tickets)}}; }

Json messages_to_json(const std::vector<Message>& messages) {
  return Json{{"messages", list(messages)}};
}

Json conversations_to_json(const std::vector<Conversation>& conversations) {
  return Json{{"conversations", list(conversations)}};
}

std::string serialize(const Json& document) {
  return document.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace parley::capi
