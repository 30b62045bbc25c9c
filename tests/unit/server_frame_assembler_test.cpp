// parley-server: reassembling WebSocket messages under a size limit.
#include <gtest/gtest.h>

#include "ws/frame_assembler.hpp"

namespace parley::server {
namespace {

using Kind = FrameAssembler::Kind;

TEST(FrameAssembler, WholeMessageInOneChunk) {
  FrameAssembler assembler;
  const auto m = assembler.feed("{}", false, true, 10);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, Kind::text);
  EXPECT_EQ(m->payload, "{}");
}

TEST(FrameAssembler, ChunksAreJoinedUntilTheEnd) {
  FrameAssembler assembler;
  EXPECT_FALSE(assembler.feed("ab", false, false, 10));
  EXPECT_FALSE(assembler.feed("cd", true /*ignored mid-message*/, false, 1));
  const auto m = assembler.feed("e", false, true, 1);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, Kind::text);
  EXPECT_EQ(m->payload, "abcde");
}

TEST(FrameAssembler, OversizedMessageIsDroppedAndReportedAtItsEnd) {
  FrameAssembler assembler;
  EXPECT_FALSE(assembler.feed("12345", false, false, 8));
  EXPECT_FALSE(assembler.feed("67890", false, false, 8));
  const auto m = assembler.feed("x", false, true, 8);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, Kind::oversized);
  EXPECT_EQ(m->bytes, 11u);
  EXPECT_EQ(m->limit, 8u);
  EXPECT_TRUE(m->payload.empty());
  // The next message starts clean.
  const auto next = assembler.feed("ok", false, true, 8);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->kind, Kind::text);
  EXPECT_EQ(next->payload, "ok");
}

TEST(FrameAssembler, ExactlyAtTheLimitIsAccepted) {
  FrameAssembler assembler;
  const auto m = assembler.feed("12345678", false, true, 8);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, Kind::text);
}

TEST(FrameAssembler, BinaryMessagesAreReportedNotBuffered) {
  FrameAssembler assembler;
  EXPECT_FALSE(assembler.feed("\x01\x02", true, false, 8));
  const auto m = assembler.feed(std::string(100, 'x'), false, true, 8);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, Kind::binary);
  EXPECT_TRUE(m->payload.empty());
}

}  // namespace
}  // namespace parley::server
