#include "client/wire_values.hpp"

namespace parley::client {
namespace {

const Json& null_json() {
  static const Json kNull;
  return kNull;
}

[[noreturn]] void wrong_type(const char* key, const char* expected) {
  throw WireValueError(std::string("\"") + key + "\" must be " + expected);
}

const Json& object_member(const Json& json, const char* key) {
  const Json& value = member(json, key);
  if (!value.is_object()) wrong_type(key, "an object");
  return value;
}

}  // namespace

const Json& member(const Json& object, const char* key) {
  if (!object.is_object()) throw WireValueError(std::string("expected an object holding \"") + key + "\"");
  const auto it = object.find(key);
  return it == object.end() ? null_json() : *it;
}

std::string string_field(const Json& object, const char* key) {
  const Json& value = member(object, key);
  if (value.is_null()) return {};
  if (!value.is_string()) wrong_type(key, "a string");
  return value.get<std::string>();
}

std::int64_t integer_field(const Json& object, const char* key) {
  const Json& value = member(object, key);
  if (value.is_null()) return 0;
  if (!value.is_number_integer()) wrong_type(key, "an integer");
  return value.get<std::int64_t>();
}

bool bool_field(const Json& object, const char* key) {
  const Json& value = member(object, key);
  if (value.is_null()) return false;
  if (!value.is_boolean()) wrong_type(key, "a boolean");
  return value.get<bool>();
}

Author parse_author(const Json& json) {
  return Author{string_field(json, "kind"), string_field(json, "id"), string_field(json, "name")};
}

Message parse_message(const Json& json) {
  Message m;
  m.id = string_field(json, "id");
  if (m.id.empty()) wrong_type("message.id", "a non-empty string");
  m.client_id = string_field(json, "client_id");
  m.conversation_id = string_field(json, "conversation_id");
  m.author = parse_author(object_member(json, "author"));
  m.text = string_field(json, "text");
  m.created_at = integer_field(json, "created_at");
  m.edited_at = integer_field(json, "edited_at");
  m.deleted = bool_field(json, "deleted");
  m.state = DeliveryState::sent;
  m.attachments = parse_list(json, "attachments", &parse_attachment);
  return m;
}

Receipt parse_receipt(const Json& json) {
  if (json.is_null()) return {};
  if (!json.is_object()) wrong_type("receipt", "an object");
  return Receipt{string_field(json, "delivered_up_to"), string_field(json, "read_up_to")};
}

namespace {

// An Author member that may be null (no one yet): empty then.
Author optional_author(const Json& json, const char* key) {
  const Json& author = member(json, key);
  if (author.is_null()) return {};
  if (!author.is_object()) wrong_type(key, "an object or null");
  return parse_author(author);
}

// An object member whose values are all strings (absent or null: empty).
TicketValues string_map(const Json& json, const char* key) {
  TicketValues values;
  const Json& object = member(json, key);
  if (object.is_null()) return values;
  if (!object.is_object()) wrong_type(key, "an object");
  for (const auto& [name, value] : object.items()) {
    if (!value.is_string()) wrong_type(key, "an object of strings");
    values.emplace(name, value.get<std::string>());
  }
  return values;
}

TicketRating parse_rating(const Json& json) {
  if (json.is_null()) return {};
  if (!json.is_object()) wrong_type("rating", "an object or null");
  return TicketRating{static_cast<int>(integer_field(json, "score")), string_field(json, "comment"),
                      integer_field(json, "rated_at")};
}

}  // namespace

Conversation parse_conversation(const Json& json) {
  Conversation c;
  c.id = string_field(json, "id");
  if (c.id.empty()) wrong_type("conversation.id", "a non-empty string");
  c.user_id = string_field(json, "user_id");
  c.status = string_field(json, "status");
  c.created_at = integer_field(json, "created_at");
  c.updated_at = integer_field(json, "updated_at");
  c.assignee = optional_author(json, "assignee");
  c.queue_position = integer_field(json, "queue_position");
  if (const Json& receipts = member(json, "receipts"); !receipts.is_null()) {
    c.user_receipt = parse_receipt(member(receipts, "user"));
    c.agent_receipt = parse_receipt(member(receipts, "agent"));
  }
  return c;
}

Ticket parse_ticket(const Json& json) {
  Ticket t;
  t.id = string_field(json, "id");
  if (t.id.empty()) wrong_type("ticket.id", "a non-empty string");
  t.client_id = string_field(json, "client_id");
  t.user_id = string_field(json, "user_id");
  t.subject = string_field(json, "subject");
  t.description = string_field(json, "description");
  t.status = string_field(json, "status");
  t.priority = string_field(json, "priority");
  t.category = string_field(json, "category");
  t.created_at = integer_field(json, "created_at");
  t.updated_at = integer_field(json, "updated_at");
  t.fields = string_map(json, "fields");
  t.metadata = string_map(json, "metadata");
  t.assignee = optional_author(json, "assignee");
  t.rating = parse_rating(member(json, "rating"));
  t.attachments = parse_list(json, "attachments", &parse_attachment);
  return t;
}

Attachment parse_attachment(const Json& json) {
  if (!json.is_object()) wrong_type("attachment", "an object");
  Attachment a;
  a.id = string_field(json, "id");
  if (a.id.empty()) wrong_type("attachment.id", "a non-empty string");
  a.name = string_field(json, "name");
  a.content_type = string_field(json, "content_type");
  a.size = integer_field(json, "size");
  a.received = integer_field(json, "received");
  a.complete = bool_field(json, "complete");
  a.created_at = integer_field(json, "created_at");
  return a;
}

Comment parse_comment(const Json& json) {
  Comment c;
  c.id = string_field(json, "id");
  if (c.id.empty()) wrong_type("comment.id", "a non-empty string");
  c.client_id = string_field(json, "client_id");
  c.ticket_id = string_field(json, "ticket_id");
  c.author = parse_author(object_member(json, "author"));
  c.text = string_field(json, "text");
  c.created_at = integer_field(json, "created_at");
  c.attachments = parse_list(json, "attachments", &parse_attachment);
  return c;
}

ArticleFeedback parse_feedback(const Json& json) {
  ArticleFeedback f;
  f.article_id = string_field(json, "article_id");
  if (f.article_id.empty()) wrong_type("feedback.article_id", "a non-empty string");
  f.helpful = bool_field(json, "helpful");
  f.helpful_count = integer_field(json, "helpful_count");
  f.not_helpful_count = integer_field(json, "not_helpful_count");
  return f;
}

Article parse_article(const Json& json) {
  Article a;
  a.id = string_field(json, "id");
  if (a.id.empty()) wrong_type("article.id", "a non-empty string");
  a.locale = string_field(json, "locale");
  a.category = string_field(json, "category");
  a.title = string_field(json, "title");
  a.body = string_field(json, "body");
  a.version = integer_field(json, "version");
  const Json& tags = member(json, "tags");
  if (!tags.is_null()) {
    if (!tags.is_array()) wrong_type("tags", "an array");
    for (const auto& tag : tags) {
      if (!tag.is_string()) wrong_type("tags", "an array of strings");
      a.tags.push_back(tag.get<std::string>());
    }
  }
  return a;
}

Welcome parse_welcome(const Json& result) {
  Welcome w;
  w.principal = parse_author(object_member(result, "principal"));
  if (w.principal.id.empty()) wrong_type("principal.id", "a non-empty string");
  if (const auto heartbeat = integer_field(result, "heartbeat_ms"); heartbeat > 0) {
    w.heartbeat_ms = heartbeat;
  }
  if (const Json& limits = member(result, "limits"); !limits.is_null()) {
    // A limit the server does not announce keeps its protocol default.
    auto read = [&limits](const char* key, std::size_t& field) {
      if (const auto value = integer_field(limits, key); value > 0) {
        field = static_cast<std::size_t>(value);
      }
    };
    read("max_frame_bytes", w.limits.max_frame_bytes);
    read("max_text_bytes", w.limits.max_text_bytes);
    read("max_subject_bytes", w.limits.max_subject_bytes);
    read("max_batch", w.limits.max_batch);
  }
  if (const Json& limits = member(result, "limits"); limits.is_object()) {
    w.max_attachment_bytes = integer_field(limits, "max_attachment_bytes");
    if (const Json& types = member(limits, "attachment_types"); types.is_array()) {
      for (const auto& t : types) {
        if (t.is_string()) w.attachment_types.push_back(t.get<std::string>());
      }
    }
  }
  w.latest_seq = integer_field(result, "latest_seq");
  w.server_id = string_field(result, "server_id");
  w.resync = bool_field(result, "resync");
  return w;
}

ErrorCode to_public(protocol::ErrorCode code) noexcept {
  switch (code) {
    case protocol::ErrorCode::bad_request: return ErrorCode::bad_request;
    case protocol::ErrorCode::unauthorized: return ErrorCode::unauthorized;
    case protocol::ErrorCode::token_expired: return ErrorCode::token_expired;
    case protocol::ErrorCode::forbidden: return ErrorCode::forbidden;
    case protocol::ErrorCode::not_found: return ErrorCode::not_found;
    case protocol::ErrorCode::too_large: return ErrorCode::too_large;
    case protocol::ErrorCode::rate_limited: return ErrorCode::rate_limited;
    case protocol::ErrorCode::conflict: return ErrorCode::conflict;
    case protocol::ErrorCode::unavailable: return ErrorCode::unavailable;
    case protocol::ErrorCode::internal: return ErrorCode::internal;
  }
  return ErrorCode::internal;
}

Error to_public(const protocol::WireError& error) {
  return Error{to_public(error.code), error.message};
}

}  // namespace parley::client
