#pragma once
// parley::Client — one user's (or agent's) connection to a Parley server.
//
// Threading: every method is safe to call from any thread; nothing here waits on the network.
// Writes and the cached_*() reads wait for the local store; everything else returns at once. Each Client owns one internal thread that runs the connection, the
// outbox and the local store. Results and server events arrive as Events, drained with
// poll_event() from the thread of the app's choice (one thread at a time).
//
// Writes (send_message, edit_message, delete_message, create_ticket, add_comment,
// close_ticket, reopen_ticket, rate_ticket, rate_article, agent_reply, set_ticket_priority,
// take_ticket) are committed to the outbox on disk before they return (they wait for the local
// store, never for the network or a disk flush): from then on the app may be killed without
// losing them. Each is then sent at once and flushed to the disk against a power loss while
// the server works on it, and resent after reconnects until the server acknowledges it; the
// server deduplicates on the returned client id, so each takes effect exactly once.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/event.hpp"
#include "parley/types.hpp"

namespace parley {
inline namespace PARLEY_ABI_NAMESPACE {

class Client {
 public:
  // Opens the store (creating it if needed) and starts the client's thread and connection.
  // Throws Exception(invalid_argument) for an unusable config or store path.
  explicit Client(Config config);
  ~Client();  // closes the connection and joins the thread; pending events are dropped
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Replaces the token (after auth_failed or token_expiring) and reconnects if needed. Nothing
  // queued is lost while the client waits for it.
  void set_token(std::string token);
  // Hints from the host app (mobile): the network changed — reconnect now, skipping backoff.
  void network_changed();
  // The app went to the background (false) or came back (true). In the background the link
  // closes once what is queued has gone out (5 s at most) and stays closed; writes made
  // meanwhile wait in the outbox. Back in the foreground it reconnects at once.
  void set_foreground(bool foreground);

  // --- Chat -------------------------------------------------------------------------------
  // Returns the message's client id. Empty conversation_id = the user's open conversation.
  std::string send_message(std::string_view text, std::string_view conversation_id = {},
                           std::uint64_t tag = 0);
  // With files uploaded by upload_attachment (their ids; at most 10).
  std::string send_message(std::string_view text, std::string_view conversation_id,
                           const std::vector<std::string>& attachment_ids, std::uint64_t tag = 0);
  // With files from the device (at most 10, of the server's types and size: checked here);
  // text may then be empty. Each file is copied beside the store before this returns (the
  // app may delete its own), and the message waits in the outbox — offline, across restarts
  // of the app — while they upload; once all are on the server it goes out with them. Until
  // then the cached message shows each file with its upload id as id. Events with `tag` and
  // the message's client id: attachment_progress and attachment_uploaded for each file, then
  // message_sent. A file the server refuses for good fails the message (message_sent with
  // that error; retry_message() or cancel_message()); a lost link only pauses the uploads.
  std::string send_message_with_files(std::string_view text, std::string_view conversation_id,
                                      const std::vector<LocalFile>& files, std::uint64_t tag = 0);
  // Edits or deletes one of the principal's own messages (by server id). Queued in the outbox
  // like a send; the reply is message_edited. Returns the change's client id.
  std::string edit_message(std::string_view message_id, std::string_view text,
                           std::uint64_t tag = 0);
  std::string delete_message(std::string_view message_id, std::uint64_t tag = 0);
  // A write that has not reached the server (pending while offline, or failed) by its client
  // id: cancel_message forgets it (ok; not_found if unknown or already stored by the server;
  // conflict while it is on the wire — delete it once sent); retry_message queues a failed
  // one again (ok; not_found; conflict if it has not failed). Blocks only on the local store.
  ErrorCode cancel_message(std::string_view client_id);
  ErrorCode retry_message(std::string_view client_id);
  // The user has seen the conversation up to `message_id` (empty: everything cached). The
  // read receipt is kept and sent, offline too; unread counts drop at once.
  void mark_read(std::string_view conversation_id, std::string_view message_id = {});
  // Call as the user types (any rate: the client sends at most one "typing" per 3 s) and with
  // false when they stop. Live only: dropped while offline.
  void set_typing(std::string_view conversation_id, bool typing);
  // A page of history, oldest first, older than before_message_id (empty: the newest). Served
  // from the device when it holds the page, else fetched, stored, then served: paging back
  // fills the cache, and the same pages come from disk next time, offline too.
  void load_history(std::string_view conversation_id, std::string_view before_message_id = {},
                    int limit = 50, std::uint64_t tag = 0);
  void list_conversations(std::uint64_t tag = 0);
  // "Talk to a person": the conversation (empty: the user's open one) waits for an agent. The
  // bot hands over by itself what it cannot answer; either way the user's place in the queue
  // comes with the conversation (queue_position) and each move as conversation_updated
  // ("queued", "queue"). A write (outbox); asking twice changes nothing. Reply: agent_requested.
  std::string request_agent(std::string_view conversation_id = {}, std::uint64_t tag = 0);
  // Cached messages of a conversation (including pending ones), oldest first, own messages
  // with their delivery state. Reads the local store; works offline, from start-up on, before
  // any network. An empty conversation_id lists the pending messages that have no
  // conversation yet.
  std::vector<Message> cached_messages(std::string_view conversation_id) const;
  // Cached conversations, most recently active first, with unread counts. Offline too.
  std::vector<Conversation> cached_conversations() const;

  // --- Tickets ----------------------------------------------------------------------------
  // Opens a ticket (users). Checked before it is queued against the server's ticket schema as
  // the device last saw it (throws Exception(invalid_argument) naming the field); metadata
  // about the app and device is added by itself (see TicketDraft::metadata). A write: in the
  // outbox on disk when it returns, exactly once. Reply: ticket_created.
  std::string create_ticket(const TicketDraft& draft, std::uint64_t tag = 0);
  // A page of tickets, newest first (a user's own; an agent's: everyone's, or one user's).
  // Reply: tickets_listed with has_more; the next page is before the last ticket's id.
  void list_tickets(const TicketQuery& query, std::uint64_t tag = 0);
  void list_tickets(std::string_view status = {}, std::uint64_t tag = 0);  // the first 50
  void get_ticket(std::string_view ticket_id, std::uint64_t tag = 0);
  std::string add_comment(std::string_view ticket_id, std::string_view text,
                          std::uint64_t tag = 0);
  std::string add_comment(std::string_view ticket_id, std::string_view text,
                          const std::vector<std::string>& attachment_ids, std::uint64_t tag = 0);
  // With files from the device, as send_message_with_files does it. Reply: comment_added.
  std::string add_comment_with_files(std::string_view ticket_id, std::string_view text,
                                     const std::vector<LocalFile>& files, std::uint64_t tag = 0);
  // The ticket's user: close it (help no longer needed; from any status), reopen a solved or
  // closed one, rate one that is solved or closed (score 1–5, an optional comment; a later
  // rating replaces it). Writes like create_ticket. Reply: ticket_changed.
  std::string close_ticket(std::string_view ticket_id, std::uint64_t tag = 0);
  std::string reopen_ticket(std::string_view ticket_id, std::uint64_t tag = 0);
  std::string rate_ticket(std::string_view ticket_id, int score, std::string_view comment = {},
                          std::uint64_t tag = 0);
  // The server's categories and custom fields for the ticket form. The client fetches it on
  // each connection and reports a change as ticket_schema_loaded with tag 0.
  void load_ticket_schema(std::uint64_t tag = 0);
  TicketSchema cached_ticket_schema() const;  // as the device last saw it; offline too
  // Cached tickets, newest first: what lists, loads and events brought. Offline too.
  std::vector<Ticket> cached_tickets() const;

  // --- Attachments -----------------------------------------------------------------------
  // Uploads a file (the server's announced types, within its size limit: checked here first)
  // over HTTP in pieces, off the app's and the client's threads. After a dropped link it asks
  // the server how much arrived and goes on from there, with backoff. Returns an upload id.
  // Events with `tag`: attachment_progress (`attachment.received` of `size`), then
  // attachment_uploaded with the complete `attachment`, whose id goes to send_message or
  // add_comment — or its error (`closed` when cancelled, `disconnected` when the link stayed
  // down). content_type empty: guessed from the file name.
  std::string upload_attachment(std::string_view file_path, std::string_view content_type = {},
                                std::string_view name = {}, std::uint64_t tag = 0);
  ErrorCode cancel_upload(std::string_view upload_id);  // ok, or not_found
  // The file of an attachment the user may see, on the device: kept there once downloaded
  // (files never change) until the client's view resets (resynced), and with a store in
  // memory only while the client lives. Reply: attachment_downloaded with its `path`.
  void download_attachment(std::string_view attachment_id, std::uint64_t tag = 0);

  // --- FAQ --------------------------------------------------------------------------------
  // Fetches what changed in the catalogue since the last sync and stores it on the device.
  // Once synced, the client follows the server's catalogue changes by itself (faq_synced with
  // tag 0).
  void sync_faq(std::uint64_t tag = 0);
  // Searches the articles on the device: works offline, answers from the local index.
  void search_faq(std::string_view query, std::string_view locale = {}, int limit = 10,
                  std::uint64_t tag = 0);
  // Articles that may answer what the user is writing — the ticket or chat composer's text,
  // as they type — from the device (offline too). Only articles that answer a fair share of
  // the text are given, so a text that says little gets none. Reply: faq_results.
  void suggest_articles(std::string_view text, std::string_view locale = {}, int limit = 3,
                        std::uint64_t tag = 0);
  // Records whether an article answered the user (users only): a write like send_message,
  // kept in the outbox until the server has it, exactly once; the latest vote on an article
  // counts. Returns its client id. Reply: article_rated.
  std::string rate_article(std::string_view article_id, bool helpful, std::uint64_t tag = 0);

  // --- Agents (a client whose token has kind "agent") -------------------------------------
  std::string agent_reply(std::string_view conversation_id, std::string_view text,
                          std::uint64_t tag = 0);
  // With files from the device, as send_message_with_files does it (text may then be empty).
  std::string agent_reply_with_files(std::string_view conversation_id, std::string_view text,
                                     const std::vector<LocalFile>& files, std::uint64_t tag = 0);
  void set_ticket_status(std::string_view ticket_id, std::string_view status,
                         std::uint64_t tag = 0);
  // Writes like create_ticket (outbox, exactly once). Reply: ticket_changed.
  std::string set_ticket_priority(std::string_view ticket_id, std::string_view priority,
                                  std::uint64_t tag = 0);
  std::string take_ticket(std::string_view ticket_id, std::uint64_t tag = 0);  // assign to me
  void agent_queue(std::uint64_t tag = 0);
  // Assigns the conversation to this agent (reply: conversation_taken).
  void agent_take(std::string_view conversation_id, std::uint64_t tag = 0);

  // --- Events -----------------------------------------------------------------------------
  // Next event, waiting up to `timeout` (0 = don't wait). One thread at a time.
  std::optional<Event> poll_event(std::chrono::milliseconds timeout);
  // Called (on any thread, possibly the client's) when the event queue becomes non-empty, and
  // at once from inside set_wakeup() if events are already waiting.
  // It must only schedule a drain; calling into this Client from inside it is not allowed.
  void set_wakeup(std::function<void()> wakeup);

  // Number of writes waiting in the outbox (for tests and "sending…" indicators).
  std::size_t outbox_size() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace PARLEY_ABI_NAMESPACE
}  // namespace parley
