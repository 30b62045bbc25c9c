#include "capi/arguments.hpp"

#include <cstring>

#include "capi/enums.hpp"
#include "protocol/limits.hpp"
#include "protocol/utf8.hpp"

namespace parley::capi {

static_assert(PARLEY_CLIENT_ID_SIZE == protocol::kMaxIdBytes + 1,
              "PARLEY_CLIENT_ID_SIZE must hold the longest client id of the protocol and a NUL");

void throw_invalid(std::string_view argument, std::string_view problem) {
  std::string message(argument);
  message += ' ';
  message += problem;
  throw Exception(ErrorCode::invalid_argument, message);
}

std::string_view string_arg(const char* data, std::size_t length, std::string_view argument) {
  if (data == nullptr) {
    if (length != 0) throw_invalid(argument, "is NULL but its length is not 0");
    return {};
  }
  const std::string_view text(data, length);
  if (!protocol::is_valid_utf8(text)) throw_invalid(argument, "is not valid UTF-8");
  // A NUL inside a C string is almost always a length bug, and would cut paths and URLs short.
  if (text.find('\0') != std::string_view::npos) throw_invalid(argument, "contains a NUL byte");
  return text;
}

int limit_arg(std::int32_t limit, int fallback, int max, std::string_view argument) {
  if (limit == 0) return fallback;
  if (limit < 1 || limit > max) {
    throw_invalid(argument, "must be 0 (the default) or 1.." + std::to_string(max));
  }
  return static_cast<int>(limit);
}

std::int64_t milliseconds_arg(std::int64_t value, std::string_view argument) {
  if (value < 1) throw_invalid(argument, "must be at least 1 ms");
  return value;
}

std::string ticket_status_arg(const parley_ticket_status& status, bool allow_any) {
  switch (raw_value(status)) {
    case PARLEY_TICKET_STATUS_ANY:
      if (!allow_any) throw_invalid("status", "must be a ticket status, not ANY");
      return "";
    case PARLEY_TICKET_STATUS_OPEN: return "open";
    case PARLEY_TICKET_STATUS_PENDING: return "pending";
    case PARLEY_TICKET_STATUS_SOLVED: return "solved";
    case PARLEY_TICKET_STATUS_CLOSED: return "closed";
  }
  throw_invalid("status", "is not a parley_ticket_status");
}

std::string ticket_priority_arg(const parley_ticket_priority& priority) {
  switch (raw_value(priority)) {
    case PARLEY_TICKET_PRIORITY_LOW: return "low";
    case PARLEY_TICKET_PRIORITY_NORMAL: return "normal";
    case PARLEY_TICKET_PRIORITY_HIGH: return "high";
    case PARLEY_TICKET_PRIORITY_URGENT: return "urgent";
  }
  throw_invalid("priority", "is not a parley_ticket_priority");
}

void copy_client_id(const std::string& client_id, char* out) {
  if (out == nullptr) return;
  // The protocol bounds client ids (64 bytes), so this only fails if the core broke that rule.
  if (client_id.size() >= PARLEY_CLIENT_ID_SIZE) {
    throw Exception(ErrorCode::internal,
                    "the write was queued, but its client id does not fit PARLEY_CLIENT_ID_SIZE");
  }
  std::memcpy(out, client_id.data(), client_id.size());
  out[client_id.size()] = '\0';
}

std::vector<std::string> string_list_arg(const char* const* strings, std::size_t count,
                                         std::string_view argument, bool nulls_allowed) {
  if (count == 0) return {};
  if (strings == nullptr) throw_invalid(argument, "is NULL");
  if (count > 10) throw_invalid(argument, "holds more than 10 entries");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    if (strings[i] == nullptr && !nulls_allowed) throw_invalid(argument, "holds a NULL entry");
    out.emplace_back(strings[i] == nullptr ? std::string_view()
                                           : string_arg(strings[i], std::strlen(strings[i]), argument));
  }
  return out;
}

std::vector<std::string> id_list_arg(const char* const* ids, std::size_t count, std::string_view argument) {
  return string_list_arg(ids, count, argument, /*nulls_allowed=*/false);
}

std::vector<LocalFile> file_list_arg(const char* const* paths, const char* const* content_types,
                                     std::size_t count) {
  if (count == 0) throw_invalid("count", "is 0: give at least one file");
  const auto path_list = string_list_arg(paths, count, "paths", /*nulls_allowed=*/false);
  const auto type_list = content_types == nullptr
                             ? std::vector<std::string>(count)
                             : string_list_arg(content_types, count, "content_types", /*nulls_allowed=*/true);
  std::vector<LocalFile> files;
  for (std::size_t i = 0; i < count; ++i) files.push_back(LocalFile{path_list[i], type_list[i], {}});
  return files;
}

}  // namespace parley::capi
