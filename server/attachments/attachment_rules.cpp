#include "attachments/attachment_rules.hpp"

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

bool content_matches(std::string_view type, std::string_view content) noexcept {
  if (type == "image/png") return content.starts_with("\x89PNG\r\n\x1a\n");
  if (type == "image/jpeg") return content.starts_with("\xFF\xD8\xFF");
  if (type == "image/gif") return content.starts_with("GIF87a") || content.starts_with("GIF89a");
  if (type == "image/webp") return content.size() >= 12 && content.starts_with("RIFF") && content.substr(8, 4) == "WEBP";
  if (type == "application/pdf") return content.starts_with("%PDF-");
  if (type == "text/plain") return protocol::is_valid_utf8(content);
  return false;
}

}  // namespace parley::server
