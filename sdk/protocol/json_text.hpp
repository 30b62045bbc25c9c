#pragma once
// JSON text written directly, byte for byte as Json::dump() writes it: for what a server sends
// most, which need not become a Json tree only to be dumped.
#include <string>
#include <string_view>

namespace parley::protocol {

// Appends `text` as a JSON string: quoted, with the escapes Json::dump() uses (\" \\ \b \f \n
// \r \t, and \u00xx for the other control characters); everything else as it is. Throws
// std::invalid_argument for text that is not valid UTF-8, where dump() throws too.
void append_json_string(std::string& out, std::string_view text);

}  // namespace parley::protocol
