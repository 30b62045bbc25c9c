#include "ws/frame_assembler.hpp"

#include <utility>

namespace parley::server {

std::optional<FrameAssembler::Message> FrameAssembler::feed(std::string_view chunk,
                                                            bool starts_binary, bool ends_message,
                                                            std::size_t limit) {
  if (!in_message_) {
    in_message_ = true;
    current_ = Message{starts_binary ? Kind::binary : Kind::text, {}, 0, limit};
  }
  current_.bytes += chunk.size();
  if (current_.kind == Kind::text && current_.bytes > current_.limit) {
    current_.kind = Kind::oversized;
    current_.payload = std::string();  // release the memory, not just the size
  }
  if (current_.kind == Kind::text) current_.payload.append(chunk);

  if (!ends_message) return std::nullopt;
  in_message_ = false;
  return std::exchange(current_, Message{});
}

}  // namespace parley::server
