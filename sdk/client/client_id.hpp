#pragma once
// Client-generated ids for writes (docs/protocol.md, section 4).
#include <string>

namespace parley::client {

// A random 128-bit id as a lowercase UUID (version 4): unique without coordination, so the
// server can deduplicate resends on it.
std::string new_client_id();

}  // namespace parley::client
