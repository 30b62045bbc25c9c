// The names of the public enums, as the docs and the C ABI spell them.
#include "parley/event.hpp"
#include "parley/types.hpp"

namespace parley {
inline namespace PARLEY_ABI_NAMESPACE {

const char* to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::ok: return "ok";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::bad_request: return "bad_request";
    case ErrorCode::unauthorized: return "unauthorized";
    case ErrorCode::token_expired: return "token_expired";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::too_large: return "too_large";
    case ErrorCode::rate_limited: return "rate_limited";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::internal: return "internal";
    case ErrorCode::timeout: return "timeout";
    case ErrorCode::disconnected: return "disconnected";
    case ErrorCode::closed: return "closed";
  }
  return "internal";
}

const char* to_string(EventType type) noexcept {
  switch (type) {
    case EventType::connection_changed: return "connection_changed";
    case EventType::message_updated: return "message_updated";
    case EventType::conversation_updated: return "conversation_updated";
    case EventType::typing_changed: return "typing_changed";
    case EventType::token_expiring: return "token_expiring";
    case EventType::message_edited: return "message_edited";
    case EventType::conversation_taken: return "conversation_taken";
    case EventType::article_rated: return "article_rated";
    case EventType::auth_failed: return "auth_failed";
    case EventType::message_received: return "message_received";
    case EventType::ticket_updated: return "ticket_updated";
    case EventType::ticket_comment: return "ticket_comment";
    case EventType::resynced: return "resynced";
    case EventType::message_sent: return "message_sent";
    case EventType::history_loaded: return "history_loaded";
    case EventType::conversations_listed: return "conversations_listed";
    case EventType::ticket_created: return "ticket_created";
    case EventType::tickets_listed: return "tickets_listed";
    case EventType::ticket_loaded: return "ticket_loaded";
    case EventType::comment_added: return "comment_added";
    case EventType::ticket_status_set: return "ticket_status_set";
    case EventType::ticket_schema_loaded: return "ticket_schema_loaded";
    case EventType::ticket_changed: return "ticket_changed";
    case EventType::agent_requested: return "agent_requested";
    case EventType::attachment_progress: return "attachment_progress";
    case EventType::attachment_uploaded: return "attachment_uploaded";
    case EventType::attachment_downloaded: return "attachment_downloaded";
    case EventType::store_health_changed: return "store_health_changed";
    case EventType::agent_queue_loaded: return "agent_queue_loaded";
    case EventType::faq_synced: return "faq_synced";
    case EventType::faq_results: return "faq_results";
  }
  return "unknown";
}

}  // namespace PARLEY_ABI_NAMESPACE
}  // namespace parley
