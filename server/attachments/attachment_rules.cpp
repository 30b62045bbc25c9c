#include "attachments/attachment_rules.hpp"

#include <algorithm>
#include <fstream>
#include <vector>

#include "protocol/utf8.hpp"

namespace parley::server {

const std::vector<std::string_view>& attachment_types() {
  static const std::vector<std::string_view> types{"image/png", "image/jpeg", "image/gif",
                                                   "image/webp", "application/pdf", "text/plain"};
  return types;
}

bool is_attachment_type(std::string_view content_type) noexcept {
  for (auto type : attachment_types()) {
    if (type == content_type) return true;
  }
  return false;
}

namespace {

bool starts_as(std::string_view type, std::string_view head) noexcept {
  if (type == "image/png") return head.starts_with("\x89PNG\r\n\x1a\n");
  if (type == "image/jpeg") return head.starts_with("\xFF\xD8\xFF");
  if (type == "image/gif") return head.starts_with("GIF87a") || head.starts_with("GIF89a");
  if (type == "image/webp") return head.size() >= 12 && head.starts_with("RIFF") && head.substr(8, 4) == "WEBP";
  if (type == "application/pdf") return head.starts_with("%PDF-");
  return false;
}

// Valid UTF-8 from start to end, 64 KiB at a time: each piece is checked up to its last
// sequence boundary, and what follows goes with the next piece.
bool is_utf8_file(std::ifstream& in) {
  std::string piece;
  std::vector<char> buffer(64 * 1024);
  for (;;) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) return protocol::is_valid_utf8(piece);
    piece.append(buffer.data(), n);
    const std::size_t cut = protocol::utf8_prefix_length(piece, piece.size() - std::min<std::size_t>(3, piece.size()));
    // A sequence is at most 4 bytes: a longer run of continuation bytes is not UTF-8.
    if (cut == 0 && piece.size() > 8) return false;
    if (!protocol::is_valid_utf8(std::string_view(piece).substr(0, cut))) return false;
    piece.erase(0, cut);
  }
}

}  // namespace

bool file_matches(std::string_view type, const std::string& path) noexcept {
  try {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    if (type == "text/plain") return is_utf8_file(in);
    char head[16];
    in.read(head, sizeof head);
    return starts_as(type, std::string_view(head, static_cast<std::size_t>(in.gcount())));
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace parley::server
