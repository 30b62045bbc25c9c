// parley-server: the command line.
#include <gtest/gtest.h>

#include "app/options.hpp"

namespace parley::server {
namespace {

ServeOptions serve(const std::vector<std::string>& args, const char* env = nullptr) {
  return std::get<ServeOptions>(parse_command_line(args, env));
}

TEST(Options, ServeDefaultsAndFlags) {
  const auto defaults = serve({"--secret", "s"});
  EXPECT_EQ(defaults.db_path, "./parley.db");
  EXPECT_EQ(defaults.host, "127.0.0.1");
  EXPECT_EQ(defaults.port, 8787);
  EXPECT_TRUE(defaults.bot);
  EXPECT_EQ(defaults.heartbeat_ms, 15000);
  EXPECT_EQ(defaults.limits.max_frame_bytes, 65536u);

  const auto o = serve({"--db", "x.db", "--host", "0.0.0.0", "--port", "0", "--faq", "faq",
                        "--no-bot", "--heartbeat-ms", "500", "--max-frame-bytes", "4096",
                        "--max-text-bytes", "1000", "--secret", "s"});
  EXPECT_EQ(o.db_path, "x.db");
  EXPECT_EQ(o.host, "0.0.0.0");
  EXPECT_EQ(o.port, 0);
  EXPECT_EQ(o.faq_dir, "faq");
  EXPECT_FALSE(o.bot);
  EXPECT_EQ(o.heartbeat_ms, 500);
  EXPECT_EQ(o.limits.max_frame_bytes, 4096u);
  EXPECT_EQ(o.limits.max_text_bytes, 1000u);
}

TEST(Options, SecretComesFromFlagThenEnvironmentThenDev) {
  EXPECT_EQ(serve({"--secret", "flag"}, "env").secret, "flag");
  EXPECT_EQ(serve({}, "env").secret, "env");
  EXPECT_EQ(serve({"--dev"}).secret, kDevSecret);
  EXPECT_THROW(serve({}), UsageError);
  EXPECT_THROW(serve({}, ""), UsageError);
}

TEST(Options, BadValuesAreUsageErrors) {
  EXPECT_THROW(serve({"--dev", "--port", "70000"}), UsageError);
  EXPECT_THROW(serve({"--dev", "--port", "80x"}), UsageError);
  EXPECT_THROW(serve({"--dev", "--port"}), UsageError);
  EXPECT_THROW(serve({"--dev", "--heartbeat-ms", "0"}), UsageError);
  EXPECT_THROW(serve({"--dev", "--max-frame-bytes", "2000", "--max-text-bytes", "3000"}), UsageError);
  EXPECT_THROW(serve({"--dev", "--frobnicate"}), UsageError);
}

TEST(Options, MintToken) {
  const auto m = std::get<MintOptions>(parse_command_line(
      {"mint-token", "--secret", "s", "--sub", "a-1", "--name", "Sam", "--kind", "agent", "--ttl", "60"},
      nullptr));
  EXPECT_EQ(m.secret, "s");
  EXPECT_EQ(m.sub, "a-1");
  EXPECT_EQ(m.name, "Sam");
  EXPECT_EQ(m.kind, PrincipalKind::agent);
  EXPECT_EQ(m.ttl_seconds, 60);
  EXPECT_THROW(parse_command_line({"mint-token", "--secret", "s"}, nullptr), UsageError);
  EXPECT_THROW(parse_command_line({"mint-token", "--sub", "u"}, nullptr), UsageError);
  EXPECT_THROW(parse_command_line({"mint-token", "--dev", "--sub", "u", "--kind", "root"}, nullptr),
               UsageError);
  EXPECT_TRUE(std::holds_alternative<HelpRequest>(parse_command_line({"--help"}, nullptr)));
}

}  // namespace
}  // namespace parley::server
