#include "terminal.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace chat_cli {

Terminal::Terminal() : interactive_(isatty(STDIN_FILENO) != 0) {
  if (pipe(pipe_) != 0) throw std::runtime_error("pipe() failed");
  for (int fd : pipe_) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

Terminal::~Terminal() {
  close(pipe_[0]);
  close(pipe_[1]);
}

void Terminal::wake() {
  const char byte = 1;
  // A full pipe already guarantees a wake-up, so a failed write loses nothing.
  [[maybe_unused]] auto n = write(pipe_[1], &byte, 1);
}

Terminal::Ready Terminal::wait(std::chrono::milliseconds timeout, bool read_input, std::string& line) {
  for (;;) {
    if (read_input) {
      if (auto nl = pending_.find('\n'); nl != std::string::npos) {
        line = pending_.substr(0, nl);
        pending_.erase(0, nl + 1);
        return Ready::line;
      }
    }
    pollfd fds[2] = {{pipe_[0], POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
    const int n = poll(fds, read_input ? 2 : 1, static_cast<int>(timeout.count()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Ready::timeout;
    if (fds[0].revents & POLLIN) {
      char drain[64];
      while (read(pipe_[0], drain, sizeof drain) > 0) {
      }
      return Ready::wake;
    }
    if (read_input && (fds[1].revents & (POLLIN | POLLHUP))) {
      char buf[4096];
      const auto got = read(STDIN_FILENO, buf, sizeof buf);
      if (got <= 0) {
        if (pending_.empty()) return Ready::end_of_input;
        pending_ += '\n';  // a last line without a newline still counts
      } else {
        pending_.append(buf, static_cast<std::size_t>(got));
      }
    }
  }
}

}  // namespace chat_cli
