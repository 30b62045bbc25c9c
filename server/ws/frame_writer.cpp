#include "ws/frame_writer.hpp"

#include <cstdint>

namespace parley::server {

void append_text_frame(std::string& out, std::string_view payload) {
  constexpr unsigned char kFinalText = 0x81;  // FIN bit, opcode 1 (text)
  const std::uint64_t size = payload.size();
  out.push_back(static_cast<char>(kFinalText));
  if (size < 126) {
    out.push_back(static_cast<char>(size));
  } else if (size <= 0xFFFF) {
    out.push_back(static_cast<char>(126));  // a 16-bit length follows, network order
    out.push_back(static_cast<char>(size >> 8));
    out.push_back(static_cast<char>(size & 0xFF));
  } else {
    out.push_back(static_cast<char>(127));  // a 64-bit length follows, network order
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((size >> shift) & 0xFF));
  }
  out.append(payload);
}

}  // namespace parley::server
