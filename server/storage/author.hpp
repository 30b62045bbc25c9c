#pragma once
// Who wrote a message or a comment, as stored with it (names are kept as they were then).
#include <string>

namespace parley::server {

struct Author {
  std::string kind;  // "user", "agent" or "bot"
  std::string id;
  std::string name;
};

}  // namespace parley::server
