#pragma once
// Which files may be attached: the content types the server accepts, and a check that the
// bytes are what the type says (an "image/png" that is not a PNG is refused), so that a file
// served back to another person is never something else in disguise.
#include <string>
#include <string_view>
#include <vector>

namespace parley::server {

const std::vector<std::string_view>& attachment_types();  // announced in welcome
bool is_attachment_type(std::string_view content_type) noexcept;
// Whether the file at `path` looks like `content_type`: the signature at its start, or for
// text, valid UTF-8 throughout (read a piece at a time, never whole). False if it cannot be
// read.
bool file_matches(std::string_view content_type, const std::string& path) noexcept;

}  // namespace parley::server
