#pragma once
// The real parley-server binary, run as a child process on loopback for integration tests:
// its own temporary directory and SQLite file, a free port that survives restarts.
#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace parley::test {

struct ServerOptions {
  bool bot = false;
  std::string faq_dir;                  // empty = tests/support/faq
  std::string ticket_schema;            // empty = tests/support/ticket-schema.json
  std::vector<std::string> extra_args;  // e.g. {"--heartbeat-ms","500"}
};

class ServerProcess {
 public:
  // Creates the temp dir and db path, picks a free loopback port, starts the server and waits
  // for its "listening" line (deadline 20 s). Throws std::runtime_error on failure.
  explicit ServerProcess(ServerOptions options = {});
  ~ServerProcess();  // SIGTERM, waits; removes the temp dir
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  void kill();   // SIGKILL, waits (the db stays)
  void stop();   // SIGTERM, waits
  void start();  // starts again: same port, same db

  int port() const;
  std::string url() const;  // "ws://127.0.0.1:PORT/v1"
  std::string secret() const;
  std::string mint_token(const std::string& sub, const std::string& name,
                         const std::string& kind = "user", std::int64_t ttl_seconds = 3600) const;
  const std::string& db_path() const;

  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }  // -1 while not running
  // How the last stopped or killed process ended: its exit code, or 128 + signal number.
  int last_exit_status() const { return last_exit_status_; }

 private:
  void wait_for_exit(int signal_number);

  ServerOptions options_;
  std::string temp_dir_;
  std::string db_path_;
  int port_ = 0;
  pid_t pid_ = -1;
  int last_exit_status_ = -1;
};

}  // namespace parley::test
