#pragma once
// Events: everything the client tells the app. Drained with Client::poll_event().
#include <cstdint>
#include <string>
#include <vector>

#include "parley/types.hpp"

namespace parley {
inline namespace PARLEY_ABI_NAMESPACE {

enum class EventType {
  // Unsolicited (tag 0).
  connection_changed,  // `connection`; on `connected`, `principal` is set; `error` says why a link failed
  auth_failed,         // the token was refused (`error`: unauthorized, token_expired, forbidden, …); call set_token()
  message_received,    // `messages[0]`: a new message in a conversation, any author; once per id
  ticket_updated,      // `tickets[0]`, `change` ("created", "status", "rated", "priority",
                       // "assigned")
  ticket_comment,      // `comments[0]`: a new comment on a ticket, once per id
  resynced,            // the server could not replay; caches were reset, fetch what you show again
  // Replies (tag = the caller's tag); `error` says whether the request failed.
  message_sent,        // send_message / agent_reply: `messages[0]` as stored by the server
  history_loaded,      // load_history: `messages` oldest first, `has_more`
  conversations_listed,
  ticket_created,      // create_ticket: `tickets[0]`
  tickets_listed,      // list_tickets: `tickets`, `has_more` (another page is older)
  ticket_loaded,       // get_ticket: `tickets[0]`, `comments`
  comment_added,       // add_comment: `comments[0]`
  ticket_status_set,   // set_ticket_status (agents): `tickets[0]`
  agent_queue_loaded,  // agent_queue: `conversations`, `tickets`
  faq_synced,          // sync_faq (or tag 0: a catalogue change the client followed by itself):
                       // `count` = articles changed or deleted, `version` = new catalogue version
  faq_results,         // search_faq: `hits`
  // Chat states (unsolicited unless marked as a reply).
  message_updated,       // `messages[0]` was edited or deleted (`change`: "edited", "deleted")
  conversation_updated,  // `conversations[0]` changed (`change`: "assigned", "receipts", "queued"
                         // (it waits for a person), "queue" (its place moved up)); its
                         // unread_count and the state of the messages in it may have changed
  typing_changed,        // `principal` started or stopped (`typing`) typing in `conversation_id`
  token_expiring,        // the token expires in `count` seconds: call set_token() with a new one
  message_edited,        // reply to edit_message / delete_message: `messages[0]`, `change`
  conversation_taken,    // reply to agent_take: `conversations[0]`
  article_rated,         // reply to rate_article: `feedback`
  ticket_schema_loaded,  // reply to load_ticket_schema: `ticket_schema`; tag 0: the server's
                         // schema changed (the client fetches it on each connection)
  ticket_changed,        // reply to close_ticket, reopen_ticket, rate_ticket,
                         // set_ticket_priority, take_ticket: `tickets[0]`, `change`
                         // ("status", "rated", "priority", "assigned")
  agent_requested,       // reply to request_agent: `conversations[0]` with its queue_position
  attachment_progress,   // upload_attachment (its tag): `upload_id`, `attachment` (received so
                         // far); for a file sent with a write (send_message_with_files …),
                         // `client_id` is the write's and the tag its tag
  attachment_uploaded,   // reply to upload_attachment: `upload_id`, `attachment` (complete);
                         // `client_id` as above
  attachment_downloaded, // reply to download_attachment: `attachment_id`, `path` (on the device)
  store_health_changed,  // unsolicited: `error` set when the device's disk started failing the
                         // store's flushes (recent writes may not survive a power loss or a
                         // restart); ok when they work again (docs/sdk-guarantees.md)
};

const char* to_string(EventType type) noexcept;

struct Event {
  EventType type = EventType::connection_changed;
  std::uint64_t tag = 0;  // the tag passed with the request this replies to; 0 if unsolicited
  Error error;            // ok unless the request (or the link) failed
  std::string client_id;  // for writes: the client id of the message/ticket/comment
  ConnectionState connection = ConnectionState::disconnected;
  Author principal;       // connection_changed(connected): who the token says we are;
                          // typing_changed: who types
  std::string change;     // ticket_updated, ticket_changed, message_updated, conversation_updated
  std::string conversation_id;  // typing_changed
  bool typing = false;          // typing_changed
  bool has_more = false;  // history_loaded, tickets_listed
  std::int64_t count = 0;
  std::int64_t version = 0;
  std::vector<Message> messages;
  std::vector<Conversation> conversations;
  std::vector<Ticket> tickets;
  std::vector<Comment> comments;
  std::vector<SearchHit> hits;
  ArticleFeedback feedback;  // article_rated
  TicketSchema ticket_schema;  // ticket_schema_loaded
  std::string upload_id;       // attachment_progress, attachment_uploaded
  Attachment attachment;       // attachment_progress, attachment_uploaded
  std::string attachment_id;   // attachment_downloaded
  std::string path;            // attachment_downloaded: the file on the device
};

}  // namespace PARLEY_ABI_NAMESPACE
}  // namespace parley
