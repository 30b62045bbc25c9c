#pragma once
// Reassembles WebSocket messages from the chunks libwebsockets delivers (a message may come
// as several frames, and a frame as several chunks). A message over the size limit is not
// buffered: the rest of it is dropped and it is reported as oversized once it ends, so that
// the connection can go on.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace parley::server {

class FrameAssembler {
 public:
  enum class Kind { text, binary, oversized };

  struct Message {
    Kind kind = Kind::text;
    std::string payload;  // text messages only
    std::size_t bytes = 0;  // the whole message's size, even when dropped
    std::size_t limit = 0;  // the limit it was held to
  };

  // Feeds one chunk. `starts_binary` and `limit` are read only when the chunk starts a new
  // message. Returns the message when this chunk ends it.
  std::optional<Message> feed(std::string_view chunk, bool starts_binary, bool ends_message,
                              std::size_t limit);

 private:
  bool in_message_ = false;
  Message current_;
};

}  // namespace parley::server
