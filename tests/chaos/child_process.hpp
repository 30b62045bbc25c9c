#pragma once
// A program run as a child process for a test, which the test may SIGKILL and start again.
#include <string>
#include <sys/types.h>
#include <vector>

namespace parley::test {

class ChildProcess {
 public:
  ChildProcess(std::string program, std::vector<std::string> args);
  ~ChildProcess();  // SIGKILLs a child still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void start();  // throws std::runtime_error if it cannot
  void kill();   // SIGKILL, and reaps it
  // True once it has exited (reaped); its status is then exit_status().
  bool exited();
  int exit_status() const { return exit_status_; }  // exit code, or 128 + signal

 private:
  std::string program_;
  std::vector<std::string> args_;
  pid_t pid_ = -1;
  int exit_status_ = -1;
};

}  // namespace parley::test
