#include "protocol/json_text.hpp"

#include <stdexcept>

#include "protocol/utf8.hpp"

namespace parley::protocol {

void append_json_string(std::string& out, std::string_view text) {
  if (!is_valid_utf8(text)) throw std::invalid_argument("a JSON string must be valid UTF-8");
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // the start of the run of bytes copied as they are
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text, plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0x0F];
    }
  }
  out.append(text, plain, text.size() - plain);
  out += '"';
}

}  // namespace parley::protocol
