#include "capi/enums.hpp"

namespace parley::capi {

parley_status status_of(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::ok: return PARLEY_OK;
    case ErrorCode::invalid_argument: return PARLEY_E_INVALID_ARGUMENT;
    case ErrorCode::bad_request: return PARLEY_E_BAD_REQUEST;
    case ErrorCode::unauthorized: return PARLEY_E_UNAUTHORIZED;
    case ErrorCode::token_expired: return PARLEY_E_TOKEN_EXPIRED;
    case ErrorCode::forbidden: return PARLEY_E_FORBIDDEN;
    case ErrorCode::not_found: return PARLEY_E_NOT_FOUND;
    case ErrorCode::too_large: return PARLEY_E_TOO_LARGE;
    case ErrorCode::rate_limited: return PARLEY_E_RATE_LIMITED;
    case ErrorCode::conflict: return PARLEY_E_CONFLICT;
    case ErrorCode::unavailable: return PARLEY_E_UNAVAILABLE;
    case ErrorCode::internal: return PARLEY_E_INTERNAL;
    case ErrorCode::timeout: return PARLEY_E_TIMEOUT;
    case ErrorCode::disconnected: return PARLEY_E_DISCONNECTED;
    case ErrorCode::closed: return PARLEY_E_CLOSED;
  }
  return PARLEY_E_INTERNAL;  // a code newer than this table: the protocol's rule for unknowns
}

parley_event_kind kind_of(EventType type) noexcept {
  switch (type) {
    case EventType::connection_changed: return PARLEY_EVENT_CONNECTION_CHANGED;
    case EventType::auth_failed: return PARLEY_EVENT_AUTH_FAILED;
    case EventType::message_received: return PARLEY_EVENT_MESSAGE_RECEIVED;
    case EventType::ticket_updated: return PARLEY_EVENT_TICKET_UPDATED;
    case EventType::ticket_comment: return PARLEY_EVENT_TICKET_COMMENT;
    case EventType::resynced: return PARLEY_EVENT_RESYNCED;
    case EventType::message_sent: return PARLEY_EVENT_MESSAGE_SENT;
    case EventType::history_loaded: return PARLEY_EVENT_HISTORY_LOADED;
    case EventType::conversations_listed: return PARLEY_EVENT_CONVERSATIONS_LISTED;
    case EventType::ticket_created: return PARLEY_EVENT_TICKET_CREATED;
    case EventType::tickets_listed: return PARLEY_EVENT_TICKETS_LISTED;
    case EventType::ticket_loaded: return PARLEY_EVENT_TICKET_LOADED;
    case EventType::comment_added: return PARLEY_EVENT_COMMENT_ADDED;
    case EventType::ticket_status_set: return PARLEY_EVENT_TICKET_STATUS_SET;
    case EventType::agent_queue_loaded: return PARLEY_EVENT_AGENT_QUEUE_LOADED;
    case EventType::faq_synced: return PARLEY_EVENT_FAQ_SYNCED;
    case EventType::faq_results: return PARLEY_EVENT_FAQ_RESULTS;
    case EventType::message_updated: return PARLEY_EVENT_MESSAGE_UPDATED;
    case EventType::conversation_updated: return PARLEY_EVENT_CONVERSATION_UPDATED;
    case EventType::typing_changed: return PARLEY_EVENT_TYPING_CHANGED;
    case EventType::token_expiring: return PARLEY_EVENT_TOKEN_EXPIRING;
    case EventType::message_edited: return PARLEY_EVENT_MESSAGE_EDITED;
    case EventType::conversation_taken: return PARLEY_EVENT_CONVERSATION_TAKEN;
    case EventType::article_rated: return PARLEY_EVENT_ARTICLE_RATED;
    case EventType::ticket_schema_loaded: return PARLEY_EVENT_TICKET_SCHEMA_LOADED;
    case EventType::ticket_changed: return PARLEY_EVENT_TICKET_CHANGED;
    case EventType::agent_requested: return PARLEY_EVENT_AGENT_REQUESTED;
    case EventType::attachment_progress: return PARLEY_EVENT_ATTACHMENT_PROGRESS;
    case EventType::attachment_uploaded: return PARLEY_EVENT_ATTACHMENT_UPLOADED;
    case EventType::attachment_downloaded: return PARLEY_EVENT_ATTACHMENT_DOWNLOADED;
    case EventType::store_health_changed: return PARLEY_EVENT_STORE_HEALTH_CHANGED;
  }
  return PARLEY_EVENT_NONE;
}

parley_connection_state connection_of(ConnectionState state) noexcept {
  switch (state) {
    case ConnectionState::disconnected: return PARLEY_CONNECTION_DISCONNECTED;
    case ConnectionState::connecting: return PARLEY_CONNECTION_CONNECTING;
    case ConnectionState::connected: return PARLEY_CONNECTION_CONNECTED;
  }
  return PARLEY_CONNECTION_DISCONNECTED;
}

const char* status_name(std::int64_t status) noexcept {
  switch (status) {
    case PARLEY_OK: return "ok";
    case PARLEY_E_INVALID_ARGUMENT: return "invalid_argument";
    case PARLEY_E_BAD_REQUEST: return "bad_request";
    case PARLEY_E_UNAUTHORIZED: return "unauthorized";
    case PARLEY_E_TOKEN_EXPIRED: return "token_expired";
    case PARLEY_E_FORBIDDEN: return "forbidden";
    case PARLEY_E_NOT_FOUND: return "not_found";
    case PARLEY_E_TOO_LARGE: return "too_large";
    case PARLEY_E_RATE_LIMITED: return "rate_limited";
    case PARLEY_E_CONFLICT: return "conflict";
    case PARLEY_E_UNAVAILABLE: return "unavailable";
    case PARLEY_E_INTERNAL: return "internal";
    case PARLEY_E_TIMEOUT: return "timeout";
    case PARLEY_E_DISCONNECTED: return "disconnected";
    case PARLEY_E_CLOSED: return "closed";
    case PARLEY_E_NO_MEMORY: return "no_memory";
  }
  return nullptr;
}

const char* kind_name(std::int64_t kind) noexcept {
  switch (kind) {
    case PARLEY_EVENT_NONE: return "none";
    case PARLEY_EVENT_CONNECTION_CHANGED: return "connection_changed";
    case PARLEY_EVENT_AUTH_FAILED: return "auth_failed";
    case PARLEY_EVENT_MESSAGE_RECEIVED: return "message_received";
    case PARLEY_EVENT_TICKET_UPDATED: return "ticket_updated";
    case PARLEY_EVENT_TICKET_COMMENT: return "ticket_comment";
    case PARLEY_EVENT_RESYNCED: return "resynced";
    case PARLEY_EVENT_MESSAGE_SENT: return "message_sent";
    case PARLEY_EVENT_HISTORY_LOADED: return "history_loaded";
    case PARLEY_EVENT_CONVERSATIONS_LISTED: return "conversations_listed";
    case PARLEY_EVENT_TICKET_CREATED: return "ticket_created";
    case PARLEY_EVENT_TICKETS_LISTED: return "tickets_listed";
    case PARLEY_EVENT_TICKET_LOADED: return "ticket_loaded";
    case PARLEY_EVENT_COMMENT_ADDED: return "comment_added";
    case PARLEY_EVENT_TICKET_STATUS_SET: return "ticket_status_set";
    case PARLEY_EVENT_AGENT_QUEUE_LOADED: return "agent_queue_loaded";
    case PARLEY_EVENT_FAQ_SYNCED: return "faq_synced";
    case PARLEY_EVENT_FAQ_RESULTS: return "faq_results";
    case PARLEY_EVENT_MESSAGE_UPDATED: return "message_updated";
    case PARLEY_EVENT_CONVERSATION_UPDATED: return "conversation_updated";
    case PARLEY_EVENT_TYPING_CHANGED: return "typing_changed";
    case PARLEY_EVENT_TOKEN_EXPIRING: return "token_expiring";
    case PARLEY_EVENT_MESSAGE_EDITED: return "message_edited";
    case PARLEY_EVENT_CONVERSATION_TAKEN: return "conversation_taken";
    case PARLEY_EVENT_ARTICLE_RATED: return "article_rated";
    case PARLEY_EVENT_TICKET_SCHEMA_LOADED: return "ticket_schema_loaded";
    case PARLEY_EVENT_TICKET_CHANGED: return "ticket_changed";
    case PARLEY_EVENT_AGENT_REQUESTED: return "agent_requested";
    case PARLEY_EVENT_ATTACHMENT_PROGRESS: return "attachment_progress";
    case PARLEY_EVENT_ATTACHMENT_UPLOADED: return "attachment_uploaded";
    case PARLEY_EVENT_ATTACHMENT_DOWNLOADED: return "attachment_downloaded";
    case PARLEY_EVENT_STORE_HEALTH_CHANGED: return "store_health_changed";
  }
  return nullptr;
}

const char* connection_name(ConnectionState state) noexcept {
  switch (state) {
    case ConnectionState::disconnected: return "disconnected";
    case ConnectionState::connecting: return "connecting";
    case ConnectionState::connected: return "connected";
  }
  return "disconnected";
}

const char* delivery_name(DeliveryState state) noexcept {
  switch (state) {
    case DeliveryState::pending: return "pending";
    case DeliveryState::sent: return "sent";
    case DeliveryState::failed: return "failed";
    case DeliveryState::delivered: return "delivered";
    case DeliveryState::read: return "read";
  }
  return "failed";
}

}  // namespace parley::capi
