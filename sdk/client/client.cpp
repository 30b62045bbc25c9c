// parley::Client: checks arguments on the caller's thread, then hands the work to the
// client's thread as a command (see client_impl.hpp and engine.hpp).
#include "parley/client.hpp"

#include <exception>

#include "client/argument_checks.hpp"
#include "client/client_id.hpp"
#include "client/client_impl.hpp"
#include "client/operations.hpp"
#include "client/sdk_info.hpp"
#include "client/staged_files.hpp"

namespace parley {
inline namespace PARLEY_ABI_NAMESPACE {
namespace {

using client::check_id;
using client::check_range;
using client::check_text;
using client::Engine;
using protocol::Json;

const Config& checked(const Config& config) {
  client::check_config(config);
  return config;
}

}  // namespace

// --- Impl -----------------------------------------------------------------------------

Client::Impl::Impl(const Config& config)
    // Checked before anything is made: a bad config is told as such.
    : device_metadata(client::device_metadata(checked(config))),
      files_dir(config.store_path),
      engine_(config, files_dir.path(), events, commands_, limits) {
  thread_ = std::thread([this] {
    try {
      engine_.run();
    } catch (const std::exception& e) {
      lwsl_err("parley: the client's thread stopped: %s\n", e.what());
    }
  });
}

Client::Impl::~Impl() {
  post([](Engine& engine) { engine.stop(); });
  thread_.join();
}

void Client::Impl::post(client::Command command) {
  commands_.push(std::move(command));
  engine_.wake();
}

// --- Client ---------------------------------------------------------------------------

Client::Client(Config config) {
  try {
    impl_ = std::make_unique<Impl>(config);
  } catch (const Exception&) {
    throw;
  } catch (const std::exception& e) {
    throw Exception(ErrorCode::invalid_argument, std::string("cannot start the client: ") + e.what());
  }
}

Client::~Client() = default;

void Client::set_token(std::string token) {
  check_text("token", token, client::kMaxTokenBytes, true);
  impl_->post([token = std::move(token)](Engine& e) mutable { e.set_token(std::move(token)); });
}

void Client::network_changed() {
  impl_->post([](Engine& e) { e.network_changed(); });
}

void Client::set_foreground(bool foreground) {
  impl_->post([foreground](Engine& e) { e.set_foreground(foreground); });
}

namespace {

// The one shape of every write: a fresh client id, stored in the outbox by the engine before
// anything is sent. It returns once the write is committed there: a write the app was told
// about is never lost, even if the app is killed right after (the flush against a power loss
// follows without the app waiting: Engine::dispatch_write).
// Files from the device are copied beside the store first; the write waits for their uploads.
std::string post_write(Client::Impl& impl, const char* op, Json args, std::uint64_t tag,
                       std::optional<Message> pending_message = std::nullopt,
                       const std::vector<LocalFile>& files = {}) {
  std::string client_id = client::new_client_id();
  args["client_id"] = client_id;
  auto staged = client::stage_files(files, client_id, impl.files_dir.path(), impl.limits);
  if (pending_message) {
    pending_message->client_id = client_id;
    if (!staged.empty()) pending_message->attachments = client::placeholders(staged);
  }
  client::WriteRequest request{op, std::move(args), client_id, tag, std::move(pending_message),
                               std::move(staged)};
  impl.call([request = std::move(request)](Engine& e) mutable {
    e.write(std::move(request));
    return true;
  });
  return client_id;
}

void post_read(Client::Impl& impl, EventType reply, const char* op, Json args,
               std::uint64_t tag) {
  impl.post([reply, op, args = std::move(args), tag](Engine& e) mutable {
    e.read(reply, op, std::move(args), tag);
  });
}

}  // namespace

std::string Client::send_message(std::string_view text, std::string_view conversation_id,
                                 std::uint64_t tag) {
  return send_message(text, conversation_id, {}, tag);
}

namespace {

std::string post_chat_send(Client::Impl& impl, std::string_view text, std::string_view conversation_id,
                           const std::vector<std::string>& attachment_ids,
                           const std::vector<LocalFile>& files, std::uint64_t tag) {
  // A message of files alone needs no text.
  check_text("text", text, impl.limits.max_text_bytes.load(), attachment_ids.empty() && files.empty());
  check_id("conversation_id", conversation_id, /*optional=*/true);
  client::check_attachment_ids(attachment_ids);
  Json args{{"text", std::string(text)}};
  if (!conversation_id.empty()) args["conversation_id"] = std::string(conversation_id);
  if (!attachment_ids.empty()) args["attachments"] = attachment_ids;
  Message pending;
  pending.conversation_id = std::string(conversation_id);
  pending.text = std::string(text);
  for (const auto& id : attachment_ids) pending.attachments.push_back(Attachment{id, {}, {}, 0, 0, true, 0});
  return post_write(impl, client::ops::kChatSend, std::move(args), tag, std::move(pending), files);
}

}  // namespace

std::string Client::send_message(std::string_view text, std::string_view conversation_id,
                                 const std::vector<std::string>& attachment_ids, std::uint64_t tag) {
  return post_chat_send(*impl_, text, conversation_id, attachment_ids, {}, tag);
}

std::string Client::send_message_with_files(std::string_view text, std::string_view conversation_id,
                                            const std::vector<LocalFile>& files, std::uint64_t tag) {
  return post_chat_send(*impl_, text, conversation_id, {}, files, tag);
}

std::string Client::edit_message(std::string_view message_id, std::string_view text,
                                 std::uint64_t tag) {
  check_id("message_id", message_id);
  check_text("text", text, impl_->limits.max_text_bytes.load(), true);
  return post_write(*impl_, client::ops::kChatEdit,
                    Json{{"message_id", std::string(message_id)}, {"text", std::string(text)}},
                    tag);
}

std::string Client::delete_message(std::string_view message_id, std::uint64_t tag) {
  check_id("message_id", message_id);
  return post_write(*impl_, client::ops::kChatDelete,
                    Json{{"message_id", std::string(message_id)}}, tag);
}

ErrorCode Client::cancel_message(std::string_view client_id) {
  check_id("client_id", client_id);
  return impl_->call([id = std::string(client_id)](Engine& e) { return e.cancel_write(id); });
}

ErrorCode Client::retry_message(std::string_view client_id) {
  check_id("client_id", client_id);
  return impl_->call([id = std::string(client_id)](Engine& e) { return e.retry_write(id); });
}

void Client::mark_read(std::string_view conversation_id, std::string_view message_id) {
  check_id("conversation_id", conversation_id);
  check_id("message_id", message_id, /*optional=*/true);
  impl_->post([conversation = std::string(conversation_id),
               message = std::string(message_id)](Engine& e) { e.mark_read(conversation, message); });
}

void Client::set_typing(std::string_view conversation_id, bool typing) {
  check_id("conversation_id", conversation_id);
  impl_->post([conversation = std::string(conversation_id), typing](Engine& e) {
    e.set_typing(conversation, typing);
  });
}

void Client::load_history(std::string_view conversation_id, std::string_view before_message_id,
                          int limit, std::uint64_t tag) {
  check_id("conversation_id", conversation_id);
  check_id("before_message_id", before_message_id, /*optional=*/true);
  check_range("limit", limit, 1, 100);
  impl_->post([conversation = std::string(conversation_id),
               before = std::string(before_message_id), limit, tag](Engine& e) {
    e.load_history(conversation, before, static_cast<std::size_t>(limit), tag);
  });
}

void Client::list_conversations(std::uint64_t tag) {
  post_read(*impl_, EventType::conversations_listed, client::ops::kChatConversations,
            Json::object(), tag);
}

std::vector<Message> Client::cached_messages(std::string_view conversation_id) const {
  check_id("conversation_id", conversation_id, /*optional=*/true);
  return impl_->call([id = std::string(conversation_id)](Engine& e) { return e.cached_messages(id); });
}

std::vector<Conversation> Client::cached_conversations() const {
  return impl_->call([](Engine& e) { return e.cached_conversations(); });
}

std::string Client::create_ticket(const TicketDraft& draft, std::uint64_t tag) {
  // What the SDK knows of the device, then what the app adds (it may know better).
  TicketValues metadata = impl_->device_metadata;
  for (const auto& [key, value] : draft.metadata) metadata[key] = value;
  const TicketSchema schema = cached_ticket_schema();
  client::check_ticket_draft(draft, metadata, schema, impl_->limits);
  Json args{{"subject", draft.subject},
            {"description", draft.description},
            {"priority", draft.priority},
            {"category", draft.category},
            {"fields", draft.fields},
            {"metadata", metadata}};
  client::check_attachment_ids(draft.attachment_ids);
  if (!draft.attachment_ids.empty() && !draft.files.empty()) {
    throw Exception(ErrorCode::invalid_argument, "files: give attachment_ids or files, not both");
  }
  if (!draft.attachment_ids.empty()) args["attachments"] = draft.attachment_ids;
  return post_write(*impl_, client::ops::kTicketCreate, std::move(args), tag, std::nullopt, draft.files);
}

void Client::list_tickets(std::string_view status, std::uint64_t tag) {
  TicketQuery query;
  if (!status.empty()) query.statuses.emplace_back(status);
  list_tickets(query, tag);
}

void Client::list_tickets(const TicketQuery& query, std::uint64_t tag) {
  client::check_ticket_query(query, impl_->limits);
  Json args{{"limit", query.limit}};
  if (!query.statuses.empty()) args["status"] = query.statuses;
  if (!query.category.empty()) args["category"] = query.category;
  if (!query.before_ticket_id.empty()) args["before"] = query.before_ticket_id;
  if (!query.user_id.empty()) args["user_id"] = query.user_id;
  post_read(*impl_, EventType::tickets_listed, client::ops::kTicketList, std::move(args), tag);
}

std::string Client::request_agent(std::string_view conversation_id, std::uint64_t tag) {
  check_id("conversation_id", conversation_id, /*optional=*/true);
  Json args = Json::object();
  if (!conversation_id.empty()) args["conversation_id"] = std::string(conversation_id);
  return post_write(*impl_, client::ops::kChatHandoff, std::move(args), tag);
}

std::vector<Ticket> Client::cached_tickets() const {
  return impl_->call([](Engine& e) { return e.cached_tickets(); });
}

void Client::load_ticket_schema(std::uint64_t tag) {
  post_read(*impl_, EventType::ticket_schema_loaded, client::ops::kTicketSchema, Json::object(), tag);
}

TicketSchema Client::cached_ticket_schema() const {
  return impl_->call([](Engine& e) { return e.ticket_schema(); });
}

std::string Client::close_ticket(std::string_view ticket_id, std::uint64_t tag) {
  check_id("ticket_id", ticket_id);
  return post_write(*impl_, client::ops::kTicketClose, Json{{"ticket_id", std::string(ticket_id)}}, tag);
}

std::string Client::reopen_ticket(std::string_view ticket_id, std::uint64_t tag) {
  check_id("ticket_id", ticket_id);
  return post_write(*impl_, client::ops::kTicketReopen, Json{{"ticket_id", std::string(ticket_id)}}, tag);
}

std::string Client::rate_ticket(std::string_view ticket_id, int score, std::string_view comment,
                                std::uint64_t tag) {
  check_id("ticket_id", ticket_id);
  check_range("score", score, 1, 5);
  check_text("comment", comment, impl_->limits.max_text_bytes.load(), false);
  return post_write(*impl_, client::ops::kTicketRate,
                    Json{{"ticket_id", std::string(ticket_id)}, {"score", score},
                         {"comment", std::string(comment)}},
                    tag);
}

void Client::get_ticket(std::string_view ticket_id, std::uint64_t tag) {
  check_id("ticket_id", ticket_id);
  post_read(*impl_, EventType::ticket_loaded, client::ops::kTicketGet,
            Json{{"ticket_id", std::string(ticket_id)}}, tag);
}

std::string Client::add_comment(std::string_view ticket_id, std::string_view text,
                                std::uint64_t tag) {
  return add_comment(ticket_id, text, {}, tag);
}

namespace {

std::string post_comment(Client::Impl& impl, std::string_view ticket_id, std::string_view text,
                         const std::vector<std::string>& attachment_ids,
                         const std::vector<LocalFile>& files, std::uint64_t tag) {
  check_id("ticket_id", ticket_id);
  check_text("text", text, impl.limits.max_text_bytes.load(), true);
  client::check_attachment_ids(attachment_ids);
  Json args{{"ticket_id", std::string(ticket_id)}, {"text", std::string(text)}};
  if (!attachment_ids.empty()) args["attachments"] = attachment_ids;
  return post_write(impl, client::ops::kTicketComment, std::move(args), tag, std::nullopt, files);
}

}  // namespace

std::string Client::add_comment(std::string_view ticket_id, std::string_view text,
                                const std::vector<std::string>& attachment_ids, std::uint64_t tag) {
  return post_comment(*impl_, ticket_id, text, attachment_ids, {}, tag);
}

std::string Client::add_comment_with_files(std::string_view ticket_id, std::string_view text,
                                           const std::vector<LocalFile>& files, std::uint64_t tag) {
  return post_comment(*impl_, ticket_id, text, {}, files, tag);
}

std::string Client::upload_attachment(std::string_view file_path, std::string_view content_type,
                                      std::string_view name, std::uint64_t tag) {
  const auto file = client::check_file(
      LocalFile{std::string(file_path), std::string(content_type), std::string(name)}, impl_->limits);
  client::UploadJob job;
  job.upload_id = client::new_client_id();
  job.file_path = file.path;
  job.name = file.name;
  job.content_type = file.content_type;
  job.tag = tag;
  const std::string id = job.upload_id;
  impl_->post([job = std::move(job)](Engine& e) mutable { e.upload_attachment(std::move(job)); });
  return id;
}

ErrorCode Client::cancel_upload(std::string_view upload_id) {
  return impl_->call([id = std::string(upload_id)](Engine& e) { return e.cancel_upload(id); });
}

void Client::download_attachment(std::string_view attachment_id, std::uint64_t tag) {
  check_id("attachment_id", attachment_id);
  impl_->post([id = std::string(attachment_id), tag](Engine& e) { e.download_attachment(id, tag); });
}

void Client::sync_faq(std::uint64_t tag) {
  impl_->post([tag](Engine& e) { e.sync_faq(tag); });
}

namespace {

void post_faq_lookup(Client::Impl& impl, client::FaqLookup lookup, const char* text_name,
                     std::string_view text, std::string_view locale, int limit,
                     std::uint64_t tag) {
  check_text(text_name, text, impl.limits.max_text_bytes.load(), true);
  check_text("locale", locale, protocol::kMaxClientInfoBytes, false);
  check_range("limit", limit, 1, 50);
  impl.post([lookup, text = std::string(text), locale = std::string(locale),
             limit = static_cast<std::size_t>(limit), tag](Engine& e) {
    e.look_up_faq(lookup, text, locale, limit, tag);
  });
}

}  // namespace

void Client::search_faq(std::string_view query, std::string_view locale, int limit,
                        std::uint64_t tag) {
  post_faq_lookup(*impl_, client::FaqLookup::search, "query", query, locale, limit, tag);
}

void Client::suggest_articles(std::string_view text, std::string_view locale, int limit,
                              std::uint64_t tag) {
  post_faq_lookup(*impl_, client::FaqLookup::suggest, "text", text, locale, limit, tag);
}

std::string Client::rate_article(std::string_view article_id, bool helpful, std::uint64_t tag) {
  check_id("article_id", article_id);
  return post_write(*impl_, client::ops::kFaqFeedback,
                    Json{{"article_id", std::string(article_id)}, {"helpful", helpful}}, tag);
}

std::string Client::agent_reply(std::string_view conversation_id, std::string_view text,
                                std::uint64_t tag) {
  return agent_reply_with_files(conversation_id, text, {}, tag);
}

std::string Client::agent_reply_with_files(std::string_view conversation_id, std::string_view text,
                                           const std::vector<LocalFile>& files, std::uint64_t tag) {
  check_id("conversation_id", conversation_id);
  check_text("text", text, impl_->limits.max_text_bytes.load(), files.empty());
  Message pending;
  pending.conversation_id = std::string(conversation_id);
  pending.text = std::string(text);
  return post_write(*impl_, client::ops::kAgentReply,
                    Json{{"conversation_id", std::string(conversation_id)},
                         {"text", std::string(text)}},
                    tag, std::move(pending), files);
}

void Client::set_ticket_status(std::string_view ticket_id, std::string_view status,
                               std::uint64_t tag) {
  check_id("ticket_id", ticket_id);
  client::check_ticket_status(status, /*optional=*/false);
  post_read(*impl_, EventType::ticket_status_set, client::ops::kTicketSetStatus,
            Json{{"ticket_id", std::string(ticket_id)}, {"status", std::string(status)}}, tag);
}

void Client::agent_queue(std::uint64_t tag) {
  post_read(*impl_, EventType::agent_queue_loaded, client::ops::kAgentQueue, Json::object(),
            tag);
}

std::string Client::set_ticket_priority(std::string_view ticket_id, std::string_view priority,
                                        std::uint64_t tag) {
  check_id("ticket_id", ticket_id);
  client::check_ticket_priority(priority);
  return post_write(*impl_, client::ops::kTicketSetPriority,
                    Json{{"ticket_id", std::string(ticket_id)}, {"priority", std::string(priority)}},
                    tag);
}

std::string Client::take_ticket(std::string_view ticket_id, std::uint64_t tag) {
  check_id("ticket_id", ticket_id);
  return post_write(*impl_, client::ops::kTicketTake, Json{{"ticket_id", std::string(ticket_id)}}, tag);
}

void Client::agent_take(std::string_view conversation_id, std::uint64_t tag) {
  check_id("conversation_id", conversation_id);
  post_read(*impl_, EventType::conversation_taken, client::ops::kAgentTake,
            Json{{"conversation_id", std::string(conversation_id)}}, tag);
}

std::optional<Event> Client::poll_event(std::chrono::milliseconds timeout) {
  return impl_->events.pop(std::max(timeout, std::chrono::milliseconds(0)));
}

void Client::set_wakeup(std::function<void()> wakeup) { impl_->events.set_wakeup(std::move(wakeup)); }

std::size_t Client::outbox_size() const {
  return impl_->call([](Engine& e) { return e.outbox_size(); });
}

}  // namespace PARLEY_ABI_NAMESPACE
}  // namespace parley
