#include "storage/object_id.hpp"

#include <charconv>

namespace parley::server {

std::string format_id(IdPrefix prefix, std::int64_t row_id) {
  return std::string(prefix.text) + std::to_string(row_id);
}

std::optional<std::int64_t> parse_id(IdPrefix prefix, std::string_view id) noexcept {
  if (id.substr(0, prefix.text.size()) != prefix.text) return std::nullopt;
  const std::string_view digits = id.substr(prefix.text.size());
  if (digits.empty() || digits.front() == '0') return std::nullopt;  // one spelling per id
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace parley::server
