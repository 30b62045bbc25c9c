#pragma once
// Checks and conversions of the arguments of parley.h's functions. Each throws
// parley::Exception(invalid_argument) naming the argument, which guard() turns into
// PARLEY_E_INVALID_ARGUMENT.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parley/parley.h"
#include "parley/types.hpp"

namespace parley::capi {

[[noreturn]] void throw_invalid(std::string_view argument, std::string_view problem);

// A handle or pointer argument that must not be NULL.
template <class T>
T& deref(T* pointer, std::string_view argument) {
  if (pointer == nullptr) throw_invalid(argument, "is NULL");
  return *pointer;
}

// A (pointer, length) string: NULL only with length 0 (the empty string), valid UTF-8, no NUL
// byte. Returns a view of the caller's bytes.
std::string_view string_arg(const char* data, std::size_t length, std::string_view argument);

// A page size: 0 means `fallback`; otherwise 1..max.
int limit_arg(std::int32_t limit, int fallback, int max, std::string_view argument);

// A positive duration in milliseconds.
std::int64_t milliseconds_arg(std::int64_t value, std::string_view argument);

// The wire name of a ticket status; PARLEY_TICKET_STATUS_ANY (only if allowed) is "".
// Enum arguments are taken by reference and read with raw_value (see enums.hpp).
std::string ticket_status_arg(const parley_ticket_status& status, bool allow_any);
// The wire name of a ticket priority.
std::string ticket_priority_arg(const parley_ticket_priority& priority);

// `count` NUL-terminated strings; NULL only with count 0; at most 10. A NULL entry, if
// allowed, reads as "".
std::vector<std::string> string_list_arg(const char* const* strings, std::size_t count,
                                         std::string_view argument, bool nulls_allowed);
std::vector<std::string> id_list_arg(const char* const* ids, std::size_t count, std::string_view argument);
// 1-10 files: `paths`, and their `content_types` (NULL, or a NULL entry: guessed from the name).
std::vector<LocalFile> file_list_arg(const char* const* paths, const char* const* content_types,
                                     std::size_t count);

// Writes a client id returned by the C++ API into the caller's optional buffer of
// PARLEY_CLIENT_ID_SIZE bytes.
void copy_client_id(const std::string& client_id, char* out);

}  // namespace parley::capi
