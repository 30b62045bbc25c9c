#pragma once
// Everything a Client does, on the client's own thread: the session (Connection), the local
// store, the outbox, requests in flight and the FAQ library. Nothing here is locked: it is
// reached only through commands (CommandQueue) that run on this thread.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "client/argument_checks.hpp"
#include "client/command_queue.hpp"
#include "client/connection.hpp"
#include "client/event_queue.hpp"
#include "client/faq_library.hpp"
#include "client/file_transfers.hpp"
#include "client/file_writes.hpp"
#include "client/pending_requests.hpp"
#include "client/typing.hpp"
#include "parley/types.hpp"
#include "protocol/frame.hpp"
#include "protocol/token_claims.hpp"
#include "store/store.hpp"
#include "transport/backoff.hpp"
#include "transport/http_worker.hpp"
#include "transport/loop_timer.hpp"

namespace parley::client {

// A write as the app made it: it goes to the outbox before anything is sent.
struct WriteRequest {
  std::string op;           // ops::kChatSend, …
  protocol::Json args;      // client_id included
  std::string client_id;
  std::uint64_t tag = 0;
  std::optional<Message> pending_message;  // chat writes: shown in the cache at once
  std::vector<store::StagedUpload> files;  // copied beside the store: the write waits for them
};

enum class FaqLookup { search, suggest };

class Engine final : private SessionListener {
 public:
  // Opens the store and builds the FAQ index from it; throws if the store cannot be opened.
  // `files_dir`: where attachments' files are kept (client_impl.hpp).
  Engine(const Config& config, std::string files_dir, EventQueue& events, CommandQueue& commands,
         AnnouncedLimits& limits);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void run();            // the client's thread: connects, then serves until stop()
  void wake() noexcept;  // any thread: runs the waiting commands soon

  // --- Commands: on the client's thread only ------------------------------------------
  void stop();
  void write(WriteRequest request);
  void read(EventType reply, const char* op, protocol::Json args, std::uint64_t tag);
  // A page of history: from the device when it holds it, else fetched, stored and then given.
  void load_history(const std::string& conversation_id, const std::string& before,
                    std::size_t limit, std::uint64_t tag);
  void sync_faq(std::uint64_t tag);
  // Answered from the device's index: a faq_results event.
  void look_up_faq(FaqLookup lookup, const std::string& text, const std::string& locale,
                   std::size_t limit, std::uint64_t tag);
  void set_token(std::string token);
  void network_changed();
  void set_foreground(bool foreground);
  void mark_read(const std::string& conversation_id, const std::string& message_id);
  void set_typing(const std::string& conversation_id, bool typing);
  ErrorCode cancel_write(const std::string& client_id);
  ErrorCode retry_write(const std::string& client_id);
  std::vector<Message> cached_messages(const std::string& conversation_id);
  std::vector<Conversation> cached_conversations();
  std::vector<Ticket> cached_tickets();
  void upload_attachment(UploadJob job);  // the token is filled in here
  ErrorCode cancel_upload(const std::string& upload_id);
  void download_attachment(const std::string& attachment_id, std::uint64_t tag);
  TicketSchema ticket_schema();  // as the store holds it
  std::size_t outbox_size();

 private:
  // SessionListener
  std::int64_t resume_from() override;
  void on_welcome(const Welcome& welcome) override;
  void on_session_start(const Welcome& welcome) override;
  void on_session_frame(protocol::ServerFrame frame) override;
  void on_session_end() override;
  void on_wake() override;

  void run_commands();
  // A write just committed (new or retried): it is flushed to the disk on the store's
  // flusher thread (Store::sync_soon) while it is sent, or while it waits for its files.
  void dispatch_write(bool waits_for_files);
  // The store's flushes to the disk started failing (`failure`), or work again (nullopt).
  void on_disk_health(const std::optional<std::string>& failure);
  void send(const std::string& op, protocol::Json args, PendingRequest pending);
  void send_frame(std::uint64_t number, std::string frame, PendingRequest pending);
  void send_internal(const char* op, protocol::Json args);
  void send_outbox();
  void flush_receipts();
  void schedule_receipts();
  void on_reply(const protocol::Reply& reply);
  void on_internal_reply(const PendingRequest& request, const protocol::Json* result, const Error& error);
  void on_history_reply(const PendingRequest& request, const protocol::Json& result);
  void on_ticket_schema(const protocol::Json& result);
  void start_faq_fetch();
  void on_faq_fetched(const std::vector<std::uint64_t>& tags, std::int64_t since_version,
                      const transport::HttpResult& result);
  void on_ephemeral(const protocol::Event& event);
  void emit_history_page(const std::string& conversation_id, const std::string& before,
                         std::size_t limit, std::uint64_t tag, bool server_has_more);
  void write_done();
  void pause_now();
  void expire_typing();
  void arm_token_timer();
  void on_error(const protocol::ErrorReply& reply);
  void on_event(const protocol::Event& event);
  void on_write_refused(const PendingRequest& write, Error error);
  void adopt_principal(const Welcome& welcome);
  void fail_other_principals_writes(const Author& principal, const Author& stored);
  void expire_requests();
  void arm_request_timer();
  void on_transfer(Event event);
  void emit(Event event);
  void emit_reply(EventType type, std::uint64_t tag, Error error, std::string client_id = {});

  std::chrono::milliseconds request_timeout_;
  EventQueue& events_;
  CommandQueue& commands_;
  AnnouncedLimits& limits_;
  store::Store store_;
  FaqLibrary faq_;
  Connection connection_;
  // Timers after the connection: they must be cancelled before its event loop goes away.
  transport::LoopTimer request_timer_;
  transport::LoopTimer retry_timer_;
  transport::LoopTimer receipt_timer_;     // coalesces receipts of messages arriving together
  transport::LoopTimer typing_timer_;      // ends indicators of typists gone quiet
  transport::LoopTimer token_timer_;       // token_expiring, ahead of the token's exp
  transport::LoopTimer background_timer_;  // the grace before a backgrounded link closes
  transport::Backoff retry_backoff_;  // for writes refused with a retryable error
  PendingRequests pending_;
  std::uint64_t request_count_ = 0;
  std::int64_t outbox_cursor_ = 0;  // the last outbox position sent on this link
  std::set<std::string> receipts_in_flight_;  // "conversation/kind"
  TypingSender typing_sender_;
  TypingTracker typing_tracker_;
  protocol::TokenClaims token_claims_;  // of the token in use (not verified: see token_claims.hpp)
  bool token_warned_ = false;           // token_expiring was sent for this token
  bool going_to_background_ = false;    // the link closes once the outbox is empty
  bool stopped_ = false;
  std::string token_;                          // the current one, for HTTP requests
  std::string faq_url_;                        // empty: the FAQ syncs over the WebSocket
  std::vector<std::uint64_t> faq_sync_tags_;   // sync_faq calls waiting for the next fetch
  std::string files_dir_;                      // downloaded attachments, by id
  // Last: destroyed first, so that their threads end while everything they reach still exists.
  transport::HttpWorker faq_fetch_;
  std::unique_ptr<FileTransfers> transfers_;
  std::unique_ptr<FileWrites> file_writes_;
};

}  // namespace parley::client
