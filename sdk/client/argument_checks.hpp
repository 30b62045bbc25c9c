#pragma once
// Synchronous checks of what the app passes to Client: each throws
// parley::Exception(ErrorCode::invalid_argument) naming the argument and the rule it breaks.
// The text rules are the server's own (protocol::text_arg), so what passes here is not
// refused there.
#include <atomic>
#include <cstdint>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "parley/types.hpp"
#include "protocol/limits.hpp"

namespace parley::client {

// The limits in force for checks: the protocol defaults until a welcome announces others.
// Written by the client's thread, read by any thread.
struct AnnouncedLimits {
  std::atomic<std::size_t> max_text_bytes{protocol::Limits{}.max_text_bytes};
  std::atomic<std::size_t> max_subject_bytes{protocol::Limits{}.max_subject_bytes};
  std::atomic<std::int64_t> max_attachment_bytes{10 * 1024 * 1024};

  std::vector<std::string> attachment_types() const;
  void set_attachment_types(std::vector<std::string> types);

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> attachment_types_{"image/png", "image/jpeg", "image/gif", "image/webp",
                                             "application/pdf", "text/plain"};
};

// Valid UTF-8 of at most max_bytes; not blank if required.
// Tokens are opaque to the SDK; this only bounds what hello carries.
inline constexpr std::size_t kMaxTokenBytes = 4096;
inline constexpr std::size_t kMaxUrlBytes = 2048;  // Config::faq_url

void check_text(std::string_view argument, std::string_view text, std::size_t max_bytes,
                bool required);
// An object id (1–64 bytes of [A-Za-z0-9_.:-]); empty allowed only if optional.
void check_id(std::string_view argument, std::string_view id, bool optional = false);
void check_range(std::string_view argument, int value, int min, int max);
// "open", "pending", "solved" or "closed"; empty allowed only if optional.
void check_ticket_status(std::string_view status, bool optional);
void check_ticket_priority(std::string_view priority);
// The draft's own fields, then the category and custom fields against the server's schema and
// the metadata it will carry (the server's rules: protocol/ticket_schema).
void check_ticket_draft(const TicketDraft& draft, const TicketValues& metadata,
                        const TicketSchema& schema, const AnnouncedLimits& limits);
void check_ticket_query(const TicketQuery& query, const AnnouncedLimits& limits);
inline constexpr std::size_t kMaxPathBytes = 4096;
// Up to 10 attachment ids (as upload_attachment's replies give them).
void check_attachment_ids(const std::vector<std::string>& ids);
// The content type of a file name's extension ("" when unknown: the upload is then refused).
std::string content_type_for(std::string_view name);
// A file the server will take: one of the announced types, within the announced size.
void check_attachment(std::string_view content_type, std::int64_t size, const AnnouncedLimits& limits);
// Throws for a config the client cannot run with (bad URL, non-positive durations).
void check_config(const Config& config);

}  // namespace parley::client
