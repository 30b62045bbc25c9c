#pragma once
// The protocol orders message ids by their numeric part ("m-17" → 17; docs/protocol.md,
// section 6). Receipts and history pages compare ids this way.
#include <cstdint>
#include <string_view>

namespace parley::store {

// The numeric tail of a message id; 0 for an empty id or one without digits.
inline std::int64_t message_number(std::string_view id) {
  std::size_t start = id.size();
  while (start > 0 && id[start - 1] >= '0' && id[start - 1] <= '9') --start;
  std::int64_t value = 0;
  for (std::size_t i = start; i < id.size() && value < (INT64_MAX - 9) / 10; ++i) {
    value = value * 10 + (id[i] - '0');
  }
  return value;
}

}  // namespace parley::store
