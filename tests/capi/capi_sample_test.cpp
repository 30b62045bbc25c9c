// samples/c-hello against the real server: the sample is run as the app would run it, and its
// exit status and output are checked.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "server_process.hpp"

namespace {

struct ProcessResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs a shell command line to completion (the sample has its own 60 s deadline).
ProcessResult run(const std::string& command) {
  ProcessResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = ::pclose(pipe);
  if (status != -1 && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

const std::string kSample = PARLEY_C_HELLO_BIN;

TEST(CHelloSample, SyncsSearchesSendsAndPrintsTheBotsReply) {
  parley::test::ServerOptions options;
  options.bot = true;
  parley::test::ServerProcess server(options);

  const ProcessResult r =
      run(kSample + " " + server.url() + " " + server.mint_token("u-hello", "Hana") + " refund");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("connected as Hana (user)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("help center synced: 4 article(s) updated"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("1. How do I get a refund?"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("sent: Hello from c-hello!"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("reply from Parley Bot (bot): "), std::string::npos) << r.output;
}

TEST(CHelloSample, ARefusedTokenEndsWithStatusOneAndSaysWhy) {
  parley::test::ServerProcess server;
  const ProcessResult r = run(kSample + " " + server.url() + " v1.bm90LWEtdG9rZW4.c2ln");
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("the server refused the token"), std::string::npos) << r.output;
}

TEST(CHelloSample, WithoutServerOrTokenPrintsUsage) {
  const ProcessResult r = run("env -u PARLEY_SERVER_URL -u PARLEY_TOKEN " + kSample);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("usage: c-hello"), std::string::npos) << r.output;
}

}  // namespace
