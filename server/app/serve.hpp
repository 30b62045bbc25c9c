#pragma once
// Runs the server until SIGTERM/SIGINT: storage, FAQ, bot, dispatcher, WebSocket loop.
#include "app/options.hpp"

namespace parley::server {

// Returns the process exit code. Throws on a startup failure (storage, FAQ folder, listen).
int serve(const ServeOptions& options);

}  // namespace parley::server
