#pragma once
// Server-to-client WebSocket framing (RFC 6455, section 5.2), so that many queued messages can
// leave in one write: libwebsockets frames one message per lws_write, and so per send(), which
// under load costs more than the messages themselves.
#include <string>
#include <string_view>

namespace parley::server {

// Appends `payload` to `out` as one final, unmasked text frame (a server never masks).
void append_text_frame(std::string& out, std::string_view payload);

}  // namespace parley::server
