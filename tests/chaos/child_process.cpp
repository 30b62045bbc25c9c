#include "child_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace parley::test {
namespace {

int status_of(int raw) {
  if (WIFEXITED(raw)) return WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
  return -1;
}

}  // namespace

ChildProcess::ChildProcess(std::string program, std::vector<std::string> args)
    : program_(std::move(program)), args_(std::move(args)) {}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) kill();
}

void ChildProcess::start() {
  std::vector<char*> argv{program_.data()};
  for (auto& a : args_) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("ChildProcess: fork failed");
  if (pid == 0) {
    ::execv(program_.c_str(), argv.data());
    ::_exit(127);
  }
  pid_ = pid;
  exit_status_ = -1;
}

void ChildProcess::kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int raw = 0;
  ::waitpid(pid_, &raw, 0);
  exit_status_ = status_of(raw);
  pid_ = -1;
}

bool ChildProcess::exited() {
  if (pid_ <= 0) return true;
  int raw = 0;
  if (::waitpid(pid_, &raw, WNOHANG) != pid_) return false;
  exit_status_ = status_of(raw);
  pid_ = -1;
  return true;
}

}  // namespace parley::test
