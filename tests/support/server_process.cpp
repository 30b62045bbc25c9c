#include "server_process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "auth/token.hpp"
#include "wait.hpp"

extern char** environ;

namespace parley::test {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kStartDeadline = std::chrono::seconds(20);
constexpr auto kStopDeadline = std::chrono::seconds(20);
constexpr const char* kSecret = "parley-test-secret";

[[noreturn]] void fail(const std::string& what) {
  throw std::runtime_error("ServerProcess: " + what + (errno ? ": " + std::string(std::strerror(errno)) : ""));
}

std::string make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "parley-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) fail("mkdtemp");
  return pattern;
}

// Asks the kernel for a free loopback port. The port is released before the server binds it;
// another process could take it in between, which loopback tests accept as very unlikely.
int pick_free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) fail("socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    fail("bind to a free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

int decode_wait_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Reads the child's stdout until the listening line; returns false on EOF or deadline.
bool read_listening_line(int fd, const std::string& expected, std::string& seen) {
  const auto until = Clock::now() + kStartDeadline;
  std::string buffer;
  while (Clock::now() < until) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    pollfd p{fd, POLLIN, 0};
    const int n = ::poll(&p, 1, static_cast<int>(left.count()) + 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    char chunk[512];
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(got));
    for (std::size_t nl; (nl = buffer.find('\n')) != std::string::npos;) {
      std::string line = buffer.substr(0, nl);
      buffer.erase(0, nl + 1);
      seen += line + "\n";
      if (line == expected) return true;
    }
  }
  seen += buffer;
  return false;
}

}  // namespace

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
  if (options_.faq_dir.empty()) options_.faq_dir = PARLEY_TEST_FAQ_DIR;
  if (options_.ticket_schema.empty()) options_.ticket_schema = PARLEY_TEST_TICKET_SCHEMA;
  temp_dir_ = make_temp_dir();
  db_path_ = temp_dir_ + "/parley.db";
  port_ = pick_free_port();
  try {
    start();
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
    throw;
  }
}

ServerProcess::~ServerProcess() {
  try {
    if (running()) {
      stop();
      // A sanitizer report or a failed shutdown shows here even if no test checks the status.
      if (last_exit_status_ != 0) {
        std::fprintf(stderr, "ServerProcess: parley-server exited with status %d\n", last_exit_status_);
      }
    }
  } catch (...) {  // a destructor must not throw; the child is reaped below at worst
  }
  if (running()) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  std::error_code ec;
  std::filesystem::remove_all(temp_dir_, ec);
}

void ServerProcess::start() {
  if (running()) throw std::runtime_error("ServerProcess: already running");
  std::vector<std::string> args{PARLEY_SERVER_BIN, "--db",     db_path_, "--host", "127.0.0.1",
                                "--port",          std::to_string(port_), "--secret", kSecret,
                                "--faq",           options_.faq_dir,
                                "--ticket-schema", options_.ticket_schema};
  if (!options_.bot) args.emplace_back("--no-bot");
  args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
  // PARLEY_SERVER_WRAPPER: a command to run the server under, words split at spaces (a
  // profiler: bench/chat/instructions_per_message.sh). It must exec the server in its own
  // process, as valgrind does, for the pid to stay the server's.
  if (const char* wrapper = std::getenv("PARLEY_SERVER_WRAPPER"); wrapper && *wrapper) {
    std::vector<std::string> words;
    for (std::istringstream in(wrapper); in >> words.emplace_back();) {
    }
    words.pop_back();  // the failed read's
    args.insert(args.begin(), words.begin(), words.end());
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) fail("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  pid_t pid = -1;
  const int rc = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    errno = rc;
    fail(std::string("cannot spawn ") + argv[0]);
  }
  pid_ = pid;

  const std::string expected = "parley-server listening on " + url();
  std::string seen;
  const bool ok = read_listening_line(out[0], expected, seen);
  // The server prints nothing else on stdout and ignores SIGPIPE, so the pipe can go.
  ::close(out[0]);
  if (!ok) {
    wait_for_exit(SIGKILL);
    errno = 0;
    fail("server did not report \"" + expected + "\" (exit status " +
         std::to_string(last_exit_status_) + "); its stdout: " + seen);
  }
}

void ServerProcess::stop() { wait_for_exit(SIGTERM); }

void ServerProcess::kill() { wait_for_exit(SIGKILL); }

void ServerProcess::wait_for_exit(int signal_number) {
  if (!running()) return;
  ::kill(pid_, signal_number);
  int status = 0;
  bool waitpid_failed = false;
  const bool exited = wait_until(
      [&] {
        const pid_t r = ::waitpid(pid_, &status, WNOHANG);
        waitpid_failed = r < 0 && errno != EINTR;
        return r == pid_ || waitpid_failed;
      },
      std::chrono::duration_cast<std::chrono::milliseconds>(kStopDeadline));
  if (waitpid_failed) {
    pid_ = -1;
    fail("waitpid");
  }
  if (!exited) {  // it ignored the signal: do not leave it behind
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
  }
  pid_ = -1;
  last_exit_status_ = decode_wait_status(status);
}

int ServerProcess::port() const { return port_; }

std::string ServerProcess::url() const {
  return "ws://127.0.0.1:" + std::to_string(port_) + "/v1";
}

std::string ServerProcess::secret() const { return kSecret; }

std::string ServerProcess::mint_token(const std::string& sub, const std::string& name,
                                      const std::string& kind, std::int64_t ttl_seconds) const {
  const auto parsed = server::principal_kind_from_string(kind);
  if (!parsed) throw std::invalid_argument("ServerProcess::mint_token: kind must be user or agent");
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return server::mint_token(server::TokenClaims{sub, name, *parsed, now + ttl_seconds}, kSecret);
}

const std::string& ServerProcess::db_path() const { return db_path_; }

}  // namespace parley::test
