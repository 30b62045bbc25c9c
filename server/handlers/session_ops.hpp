#pragma once
// hello (before authentication) and ping.
#include "handlers/call.hpp"

namespace parley::server {

// Runs on an unauthenticated session; on success it has set the session's principal.
Outcome handle_hello(Call& call);
Outcome handle_ping(Call& call);

}  // namespace parley::server
