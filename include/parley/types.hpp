#pragma once
// Value types of the Parley C++ API. Plain structs: copy them, keep them, pass them anywhere.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "parley/version.hpp"

namespace parley {
inline namespace PARLEY_ABI_NAMESPACE {

// Outcome codes. The wire codes of docs/protocol.md keep their names; the rest arise in the SDK.
enum class ErrorCode {
  ok = 0,
  invalid_argument,  // the app passed something unusable (bad UTF-8, empty text, too long, …)
  bad_request,
  unauthorized,
  token_expired,
  forbidden,
  not_found,
  too_large,
  rate_limited,
  conflict,
  unavailable,
  internal,
  timeout,       // no reply within Config::request_timeout; a write stays in the outbox
  disconnected,  // a read request needed the network and the link was down
  closed,        // the client is shutting down
};

const char* to_string(ErrorCode code) noexcept;

struct Error {
  ErrorCode code = ErrorCode::ok;
  std::string message;
  bool ok() const noexcept { return code == ErrorCode::ok; }
};

// Thrown synchronously by Client methods for invalid arguments only; everything that involves
// the network is reported later as an Event.
class Exception : public std::runtime_error {
 public:
  Exception(ErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

struct Author {
  std::string kind;  // "user", "agent" or "bot"
  std::string id;
  std::string name;
};

// A file on a message or ticket comment (Client::upload_attachment, download_attachment).
struct Attachment {
  std::string id;  // "at-4"
  std::string name;
  std::string content_type;
  std::int64_t size = 0;
  std::int64_t received = 0;  // bytes the server has (size once complete)
  bool complete = false;
  std::int64_t created_at = 0;
};

// A file on the device to send with a message, a comment or a ticket.
struct LocalFile {
  std::string path;
  std::string content_type;  // "": guessed from the name's extension
  std::string name;          // "": the file's own name
};

// Where a message stands. The client's own messages go pending → sent (the server stored it)
// → delivered (a device of the other side has it) → read (the other side has seen it), or
// pending → failed (refused for good; retry_message() or cancel_message()). Messages of others
// are `sent`.
enum class DeliveryState { pending, sent, failed, delivered, read };

struct Message {
  std::string id;  // server id; empty while pending
  std::string client_id;
  std::string conversation_id;  // may be empty while pending in a not-yet-created conversation
  Author author;
  std::string text;             // "" once deleted
  std::int64_t created_at = 0;  // ms since the Unix epoch
  std::int64_t edited_at = 0;   // 0 unless the author edited it
  bool deleted = false;
  DeliveryState state = DeliveryState::sent;
  std::vector<Attachment> attachments;
};

// How far one side of a conversation has received and read the other side's messages:
// message ids, empty for none.
struct Receipt {
  std::string delivered_up_to;
  std::string read_up_to;
};

struct Conversation {
  std::string id;
  std::string user_id;
  std::string status;  // "open" or "closed"
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  Author assignee;        // the agent who took it; empty id if none yet
  Receipt user_receipt;   // the user's devices, of support's messages
  Receipt agent_receipt;  // support (any agent), of the user's messages
  // Messages from the other side that this principal has not read (cached_conversations()
  // counts them on the device; 0 in replies from the server).
  std::int64_t unread_count = 0;
  // While the conversation waits for a person (the bot handed it over, or the user asked with
  // request_agent()): its place in the queue, 1 = next. 0 = not waiting.
  std::int64_t queue_position = 0;
};

// The user's satisfaction with a solved ticket (CSAT): score 1–5, 0 = not rated.
struct TicketRating {
  int score = 0;
  std::string comment;
  std::int64_t rated_at = 0;
};

// A ticket's custom fields and metadata: key → value. Custom field values are text whatever
// the field's type ("42", "true"); the schema says how to read them.
using TicketValues = std::map<std::string, std::string>;

struct Ticket {
  std::string id;
  std::string client_id;
  std::string user_id;
  std::string subject;
  std::string description;
  std::string status;    // "open", "pending", "solved", "closed"
  std::string priority;  // "low", "normal", "high", "urgent"
  std::string category;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  TicketValues fields;    // custom fields, as the server's TicketSchema defines them
  TicketValues metadata;  // app, os, device, locale, sdk, … and what the app added
  Author assignee;        // the agent who took it; empty id if none yet
  TicketRating rating;    // once the user rated it
  std::vector<Attachment> attachments;  // sent with the ticket
};

struct TicketDraft {
  std::string subject;
  std::string description;
  std::string priority = "normal";
  std::string category;
  TicketValues fields;
  // Added to (and overriding) what the SDK fills in by itself: sdk, app, app_version,
  // platform, os, device, locale. Keys: 1–64 of [A-Za-z0-9_.-]; values ≤ 256 bytes.
  TicketValues metadata;
  // Files uploaded with upload_attachment (a screenshot of the problem): at most 10 ids.
  std::vector<std::string> attachment_ids;
  // Or files from the device, uploaded with the ticket (Client::send_message_with_files):
  // at most 10, not both.
  std::vector<LocalFile> files;
};

// What the server asks of a new ticket (Client::load_ticket_schema, cached_ticket_schema()).
struct TicketCategory {
  std::string id;
  std::string label;
};

struct TicketFieldSpec {
  std::string key;
  std::string label;
  std::string type;        // "text", "number", "bool" or "choice"
  bool required = false;
  std::size_t max_length = 0;  // text: bytes; 0 = the server's max_text_bytes
  std::optional<double> min;   // number
  std::optional<double> max;   // number
  std::vector<std::string> options;  // choice
};

struct TicketSchema {
  std::vector<TicketCategory> categories;  // empty: any category (free text)
  std::vector<TicketFieldSpec> fields;
};

// Which tickets list_tickets asks for: newest first, a page at a time.
struct TicketQuery {
  std::vector<std::string> statuses;  // empty: any
  std::string category;               // empty: any
  std::string before_ticket_id;       // empty: from the newest
  int limit = 50;                     // 1–100
  std::string user_id;                // agents only: one user's tickets
};

struct Comment {
  std::string id;
  std::string client_id;
  std::string ticket_id;
  Author author;
  std::string text;
  std::int64_t created_at = 0;
  std::vector<Attachment> attachments;
};

struct Article {
  std::string id;
  std::string locale;
  std::string category;
  std::string title;
  std::string body;
  std::vector<std::string> tags;
  std::int64_t version = 0;
};

struct SearchHit {
  Article article;
  double score = 0;
  std::string snippet;  // matched terms wrapped in « and »
};

// A reader's vote on an article ("did this answer your question?"), with the article's counts
// once it was recorded. One vote per reader and article: a later one replaces it.
struct ArticleFeedback {
  std::string article_id;
  bool helpful = false;
  std::int64_t helpful_count = 0;
  std::int64_t not_helpful_count = 0;
};

enum class ConnectionState { disconnected, connecting, connected };

struct Config {
  std::string server_url;  // e.g. "ws://127.0.0.1:8787/v1"
  std::string token;       // the user's (or agent's) signed token
  std::string store_path;  // SQLite file; empty keeps everything in memory
  std::string app;         // "com.example.shop/2.3"
  std::string platform;    // "ios", "android", "linux", …
  std::string locale;      // "ko-KR", "en-US"
  // The device, as new tickets' metadata names it for agents: "iOS 18.1", "iPhone15,2".
  // Empty: what the system says (uname: "Linux 6.1.0", "x86_64").
  std::string os;
  std::string device;
  // Where the FAQ catalogue syncs from over HTTP, e.g. "https://help.example.com/v1/faq"
  // (parley-server serves it at /v1/faq on its own port). Empty: it syncs over the WebSocket.
  std::string faq_url;
  std::chrono::milliseconds request_timeout{15000};
  std::chrono::milliseconds reconnect_base{250};
  std::chrono::milliseconds reconnect_cap{30000};
};

}  // namespace PARLEY_ABI_NAMESPACE
}  // namespace parley
