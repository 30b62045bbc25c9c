#pragma once
// SIGTERM and SIGINT ask the server to stop cleanly; SIGPIPE is ignored (a peer that went away
// is noticed by the write that failed, not by a signal).
namespace parley::server {

void install_signal_handlers();
bool stop_requested() noexcept;

}  // namespace parley::server
