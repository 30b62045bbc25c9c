#pragma once
// Wire ids of stored objects: a prefix and the row id, e.g. "c-3", "m-17", "t-5", "tc-9".
// The numeric part orders messages within a conversation (docs/protocol.md, section 6).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parley::server {

struct IdPrefix {
  std::string_view text;
};
inline constexpr IdPrefix kConversationId{"c-"};
inline constexpr IdPrefix kMessageId{"m-"};
inline constexpr IdPrefix kTicketId{"t-"};
inline constexpr IdPrefix kCommentId{"tc-"};
inline constexpr IdPrefix kAttachmentId{"at-"};

std::string format_id(IdPrefix prefix, std::int64_t row_id);
// The row id, or nullopt if `id` is not the prefix followed by a positive decimal number.
std::optional<std::int64_t> parse_id(IdPrefix prefix, std::string_view id) noexcept;

}  // namespace parley::server
