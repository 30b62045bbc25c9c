#pragma once
// `parley-server mint-token`: prints a signed token for a principal (for demos and tests;
// production apps mint tokens in their own backend with the shared secret).
#include <cstdio>

#include "app/options.hpp"

namespace parley::server {

// Returns the process exit code.
int mint(const MintOptions& options, std::FILE* out);

}  // namespace parley::server
