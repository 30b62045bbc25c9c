#pragma once
// Locale tags are compared in lowercase: folder names, hello's locale and query filters alike.
#include <string>
#include <string_view>

namespace parley::server {

std::string normalize_locale(std::string_view tag);

}  // namespace parley::server
