// parley-server: the WebSocket frames it writes itself, several to one send (RFC 6455 5.2).
#include <gtest/gtest.h>

#include "ws/frame_writer.hpp"

namespace parley::server {
namespace {

std::string header_of(std::size_t payload_bytes) {
  std::string out;
  append_text_frame(out, std::string(payload_bytes, 'x'));
  return out.substr(0, out.size() - payload_bytes);
}

TEST(FrameWriter, ShortPayloadsCarryTheirLengthInTheSecondByte) {
  EXPECT_EQ(header_of(0), std::string("\x81\x00", 2));
  EXPECT_EQ(header_of(125), std::string("\x81\x7d", 2));
}

TEST(FrameWriter, LengthsFrom126To65535TakeTwoBytesInNetworkOrder) {
  EXPECT_EQ(header_of(126), std::string("\x81\x7e\x00\x7e", 4));
  EXPECT_EQ(header_of(300), std::string("\x81\x7e\x01\x2c", 4));
  EXPECT_EQ(header_of(65535), std::string("\x81\x7e\xff\xff", 4));
}

TEST(FrameWriter, LongerPayloadsTakeEightBytes) {
  EXPECT_EQ(header_of(65536), std::string("\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10));
}

TEST(FrameWriter, FramesFollowEachOtherWhole) {
  std::string out;
  append_text_frame(out, "{\"a\":1}");
  append_text_frame(out, "ok");
  EXPECT_EQ(out, std::string("\x81\x07{\"a\":1}\x81\x02ok", 13));
}

}  // namespace
}  // namespace parley::server
