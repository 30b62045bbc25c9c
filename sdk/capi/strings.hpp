#pragma once
// Strings that the C ABI hands over to the caller, who releases them with parley_free().
#include <cstddef>
#include <string_view>

namespace parley::capi {

// A malloc'd, NUL-terminated copy of `text` (parley_free releases it with free()). Throws
// std::bad_alloc.
char* caller_owned_copy(std::string_view text);

}  // namespace parley::capi
