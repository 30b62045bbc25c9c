#include "client/argument_checks.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "protocol/args.hpp"
#include "protocol/frame.hpp"
#include "protocol/ticket_schema.hpp"
#include "transport/server_url.hpp"

namespace parley::client {
namespace {

[[noreturn]] void refuse(std::string_view argument, std::string_view why) {
  throw Exception(ErrorCode::invalid_argument, std::string(argument) + " " + std::string(why));
}

bool is_one_of(std::string_view value, const std::array<std::string_view, 4>& allowed) {
  for (auto a : allowed) {
    if (a == value) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 4> kStatuses{"open", "pending", "solved", "closed"};
constexpr std::array<std::string_view, 4> kPriorities{"low", "normal", "high", "urgent"};

}  // namespace

void check_text(std::string_view argument, std::string_view text, std::size_t max_bytes,
                bool required) {
  const std::string key(argument);
  try {
    protocol::text_arg(protocol::Json{{key, std::string(text)}}, key.c_str(),
                       protocol::TextRule{max_bytes, true, required});
  } catch (const protocol::ArgError& e) {
    throw Exception(ErrorCode::invalid_argument, e.what());
  }
}

void check_id(std::string_view argument, std::string_view id, bool optional) {
  if (id.empty() && optional) return;
  if (!protocol::is_valid_id(id)) refuse(argument, "must be 1-64 characters of [A-Za-z0-9_.:-]");
}

void check_range(std::string_view argument, int value, int min, int max) {
  if (value < min || value > max) {
    refuse(argument, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
}

void check_ticket_status(std::string_view status, bool optional) {
  if (status.empty() && optional) return;
  if (!is_one_of(status, kStatuses)) refuse("status", "must be open, pending, solved or closed");
}

void check_ticket_priority(std::string_view priority) {
  if (!is_one_of(priority, kPriorities)) refuse("priority", "must be low, normal, high or urgent");
}

void check_ticket_draft(const TicketDraft& draft, const TicketValues& metadata,
                        const TicketSchema& schema, const AnnouncedLimits& limits) {
  check_text("subject", draft.subject, limits.max_subject_bytes.load(), true);
  check_text("description", draft.description, limits.max_text_bytes.load(), false);
  check_text("category", draft.category, limits.max_subject_bytes.load(), false);
  check_ticket_priority(draft.priority);
  try {
    protocol::check_ticket_category(schema, draft.category);
    protocol::check_ticket_fields(schema, draft.fields, limits.max_text_bytes.load());
    protocol::check_ticket_metadata(metadata);
  } catch (const protocol::ArgError& e) {
    throw Exception(ErrorCode::invalid_argument, e.what());
  }
}

void check_ticket_query(const TicketQuery& query, const AnnouncedLimits& limits) {
  for (const auto& status : query.statuses) check_ticket_status(status, /*optional=*/false);
  check_text("category", query.category, limits.max_subject_bytes.load(), false);
  check_id("before_ticket_id", query.before_ticket_id, /*optional=*/true);
  check_range("limit", query.limit, 1, 100);
  check_text("user_id", query.user_id, protocol::kMaxClientInfoBytes, false);
}

std::vector<std::string> AnnouncedLimits::attachment_types() const {
  std::lock_guard lock(mutex_);
  return attachment_types_;
}

void AnnouncedLimits::set_attachment_types(std::vector<std::string> types) {
  std::lock_guard lock(mutex_);
  attachment_types_ = std::move(types);
}

void check_attachment_ids(const std::vector<std::string>& ids) {
  if (ids.size() > 10) refuse("attachment_ids", "holds more than 10 ids");
  for (const auto& id : ids) check_id("attachment_ids", id);
}

std::string content_type_for(std::string_view name) {
  const auto dot = name.rfind('.');
  std::string extension(dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1));
  for (auto& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (extension == "png") return "image/png";
  if (extension == "jpg" || extension == "jpeg") return "image/jpeg";
  if (extension == "gif") return "image/gif";
  if (extension == "webp") return "image/webp";
  if (extension == "pdf") return "application/pdf";
  if (extension == "txt" || extension == "log") return "text/plain";
  return "";
}

void check_attachment(std::string_view content_type, std::int64_t size, const AnnouncedLimits& limits) {
  const auto types = limits.attachment_types();
  if (std::find(types.begin(), types.end(), content_type) == types.end()) {
    refuse("content_type", "is not one the server takes");
  }
  if (size <= 0) refuse("file", "is empty");
  if (size > limits.max_attachment_bytes.load()) {
    refuse("file", "is larger than the server's " + std::to_string(limits.max_attachment_bytes.load()) + " bytes");
  }
}

void check_config(const Config& config) {
  if (!transport::parse_server_url(config.server_url)) {
    refuse("server_url", "must be a ws:// or wss:// URL with a host, e.g. ws://127.0.0.1:8787/v1");
  }
  if (!config.faq_url.empty() && !config.faq_url.starts_with("http://") &&
      !config.faq_url.starts_with("https://")) {
    refuse("faq_url", "must be empty or an http:// or https:// URL, e.g. http://127.0.0.1:8787/v1/faq");
  }
  check_text("faq_url", config.faq_url, kMaxUrlBytes, false);
  // May be empty: the app can supply it later with set_token().
  check_text("token", config.token, kMaxTokenBytes, false);
  if (config.request_timeout.count() <= 0) refuse("request_timeout", "must be positive");
  if (config.reconnect_base.count() <= 0) refuse("reconnect_base", "must be positive");
  if (config.reconnect_cap < config.reconnect_base) {
    refuse("reconnect_cap", "must not be less than reconnect_base");
  }
  for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"app", config.app},
                                    {"platform", config.platform},
                                    {"locale", config.locale}}) {
    check_text(name, value, protocol::kMaxClientInfoBytes, false);
  }
}

}  // namespace parley::client
