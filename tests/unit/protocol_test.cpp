// The wire codec (sdk/protocol): what a client frame decodes to, and what a bad one answers.
#include <gtest/gtest.h>

#include "protocol/args.hpp"
#include "protocol/frame.hpp"
#include "protocol/json_text.hpp"
#include "protocol/utf8.hpp"

namespace pp = parley::protocol;

namespace {
constexpr std::size_t kMax = 65536;

pp::ErrorReply expect_error(std::string_view frame, std::size_t max = kMax) {
  auto decoded = pp::decode_request(frame, max);
  EXPECT_TRUE(std::holds_alternative<pp::ErrorReply>(decoded)) << frame;
  return std::holds_alternative<pp::ErrorReply>(decoded) ? std::get<pp::ErrorReply>(decoded)
                                                         : pp::ErrorReply{};
}
}  // namespace

TEST(Utf8, AcceptsValidText) {
  EXPECT_TRUE(pp::is_valid_utf8(""));
  EXPECT_TRUE(pp::is_valid_utf8("hello"));
  EXPECT_TRUE(pp::is_valid_utf8("환불 정책"));
  EXPECT_TRUE(pp::is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_FALSE(pp::is_valid_utf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(pp::is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(pp::is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(pp::is_valid_utf8("\xE2\x82"));          // truncated
  EXPECT_FALSE(pp::is_valid_utf8("\x80"));              // lone continuation
  EXPECT_FALSE(pp::is_valid_utf8("ab\xFF"));
}

TEST(Utf8, PrefixNeverSplitsASequence) {
  const std::string s = "a환";  // 1 + 3 bytes
  EXPECT_EQ(pp::utf8_prefix_length(s, 2), 1u);
  EXPECT_EQ(pp::utf8_prefix_length(s, 4), 4u);
  EXPECT_EQ(pp::utf8_prefix_length(s, 100), 4u);
}

TEST(DecodeRequest, ReadsIdOpAndArgs) {
  auto decoded = pp::decode_request(R"({"type":"req","id":"7","op":"chat.send","args":{"text":"hi"}})", kMax);
  ASSERT_TRUE(std::holds_alternative<pp::Request>(decoded));
  const auto& req = std::get<pp::Request>(decoded);
  EXPECT_EQ(req.id, "7");
  EXPECT_EQ(req.op, "chat.send");
  EXPECT_EQ(req.args.at("text"), "hi");
}

TEST(DecodeRequest, MissingArgsMeansEmptyObject) {
  auto decoded = pp::decode_request(R"({"type":"req","id":"a","op":"ping"})", kMax);
  ASSERT_TRUE(std::holds_alternative<pp::Request>(decoded));
  EXPECT_TRUE(std::get<pp::Request>(decoded).args.is_object());
}

TEST(DecodeRequest, MalformedFramesGetBadRequestWithoutId) {
  for (std::string_view frame : {"not json", "[1,2]", "42", "{\"type\":\"req\"", ""}) {
    auto err = expect_error(frame);
    EXPECT_EQ(err.error.code, pp::ErrorCode::bad_request) << frame;
    EXPECT_FALSE(err.id.has_value()) << frame;
  }
}

TEST(DecodeRequest, KeepsTheIdWhenTheRestIsWrong) {
  auto err = expect_error(R"({"type":"req","id":"r1","args":{}})");  // no op
  EXPECT_EQ(err.error.code, pp::ErrorCode::bad_request);
  ASSERT_TRUE(err.id.has_value());
  EXPECT_EQ(*err.id, "r1");

  err = expect_error(R"({"type":"req","id":"r2","op":"x","args":[1]})");
  EXPECT_EQ(err.id.value_or(""), "r2");
}

TEST(DecodeRequest, InvalidUtf8IsNamed) {
  auto err = expect_error("{\"type\":\"req\",\"id\":\"1\",\"op\":\"chat.send\",\"args\":{\"text\":\"\xC3\x28\"}}");
  EXPECT_EQ(err.error.code, pp::ErrorCode::bad_request);
  EXPECT_NE(err.error.message.find("UTF-8"), std::string::npos);
}

TEST(DecodeRequest, OversizedFrameIsTooLarge) {
  const std::string frame = R"({"type":"req","id":"1","op":"ping","args":{"pad":")" +
                            std::string(200, 'x') + "\"}}";
  EXPECT_EQ(expect_error(frame, 100).error.code, pp::ErrorCode::too_large);
}

TEST(DecodeRequest, RejectsIdsOutsideTheAlphabet) {
  EXPECT_EQ(expect_error(R"({"type":"req","id":"a b","op":"ping"})").error.code,
            pp::ErrorCode::bad_request);
  EXPECT_EQ(expect_error(R"({"type":"req","id":")" + std::string(65, 'a') + R"(","op":"ping"})")
                .error.code,
            pp::ErrorCode::bad_request);
}

TEST(ServerFrames, RoundTripThroughTheCodec) {
  auto ev = pp::decode_server_frame(pp::encode(pp::Event{42, "message.new", {{"k", 1}}}));
  ASSERT_TRUE(std::holds_alternative<pp::ServerFrame>(ev));
  const auto& event = std::get<pp::Event>(std::get<pp::ServerFrame>(ev));
  EXPECT_EQ(event.seq, 42u);
  EXPECT_EQ(event.name, "message.new");

  auto er = pp::decode_server_frame(
      pp::encode(pp::ErrorReply{"9", {pp::ErrorCode::not_found, "no such ticket"}}));
  ASSERT_TRUE(std::holds_alternative<pp::ServerFrame>(er));
  const auto& error = std::get<pp::ErrorReply>(std::get<pp::ServerFrame>(er));
  EXPECT_EQ(error.id.value_or(""), "9");
  EXPECT_EQ(error.error.code, pp::ErrorCode::not_found);
}

TEST(ServerFrames, EphemeralEventsHaveNoSeq) {
  const std::string frame = pp::encode(pp::Event{0, "chat.typing", {{"typing", true}}});
  EXPECT_EQ(frame.find("seq"), std::string::npos);
  auto decoded = pp::decode_server_frame(frame);
  ASSERT_TRUE(std::holds_alternative<pp::ServerFrame>(decoded));
  const auto& event = std::get<pp::Event>(std::get<pp::ServerFrame>(decoded));
  EXPECT_TRUE(event.ephemeral());
  EXPECT_EQ(event.name, "chat.typing");
  // A stored event counts from 1: an explicit 0 or a negative seq is malformed.
  EXPECT_TRUE(std::holds_alternative<pp::WireError>(
      pp::decode_server_frame(R"({"type":"event","seq":0,"name":"x","data":{}})")));
  EXPECT_TRUE(std::holds_alternative<pp::WireError>(
      pp::decode_server_frame(R"({"type":"event","seq":-3,"name":"x","data":{}})")));
}

TEST(ServerFrames, WrittenDirectlyTheyAreTheBytesAJsonObjectWouldGive) {
  // Replies and events are written out without building a Json frame first (a server sends
  // them most); they must still be exactly what Json::dump() makes, escaping included.
  const pp::Json data{{"message", {{"text", "quote \" and \\ and 한국어"}, {"n", 7}}}};
  const pp::Event stored{42, "message.new", data};
  EXPECT_EQ(pp::encode(stored),
            (pp::Json{{"type", "event"}, {"seq", 42}, {"name", "message.new"}, {"data", data}}.dump()));
  EXPECT_EQ(pp::encode_event(42, "message.new", data.dump()), pp::encode(stored));
  EXPECT_EQ(pp::encode(pp::Event{0, "chat.typing", data}),
            (pp::Json{{"type", "event"}, {"name", "chat.typing"}, {"data", data}}.dump()));
  EXPECT_EQ(pp::encode(pp::Reply{"id-\"1", data}),
            (pp::Json{{"type", "res"}, {"id", "id-\"1"}, {"result", data}}.dump()));
  EXPECT_EQ(pp::encode_reply("id-\"1", data.dump()), pp::encode(pp::Reply{"id-\"1", data}));

  auto decoded = pp::decode_server_frame(pp::encode_event(7, "odd \"name\"", data.dump()));
  ASSERT_TRUE(std::holds_alternative<pp::ServerFrame>(decoded));
  const auto& event = std::get<pp::Event>(std::get<pp::ServerFrame>(decoded));
  EXPECT_EQ(event.seq, 7u);
  EXPECT_EQ(event.name, "odd \"name\"");
  EXPECT_EQ(event.data, data);
}

TEST(JsonText, AStringIsWrittenAsTheBytesDumpGives) {
  std::vector<std::string> texts{"", "plain", "quote \" and \\ backslash", "한국어 and ascii",
                                 "four bytes: \xF0\x9F\x98\x80", "delete \x7F stays"};
  for (int c = 0; c < 0x80; ++c) texts.emplace_back(1, static_cast<char>(c));  // every escape
  texts.emplace_back(std::string("a\0b", 3));
  for (const auto& text : texts) {
    std::string out = "prefix";
    pp::append_json_string(out, text);
    EXPECT_EQ(out, "prefix" + pp::Json(text).dump()) << pp::Json(text).dump();
  }
  for (const char* broken : {"\xC3", "\xED\xA0\x80", "ok \xFF"}) {
    std::string out;
    EXPECT_THROW(pp::append_json_string(out, broken), std::invalid_argument) << broken;
  }
}

TEST(ServerFrames, UnknownErrorCodeReadsAsInternal) {
  auto er = pp::decode_server_frame(R"({"type":"err","id":null,"error":{"code":"brand_new","message":"?"}})");
  ASSERT_TRUE(std::holds_alternative<pp::ServerFrame>(er));
  EXPECT_EQ(std::get<pp::ErrorReply>(std::get<pp::ServerFrame>(er)).error.code,
            pp::ErrorCode::internal);
}

TEST(ServerFrames, ErrorMessagesWithBrokenUtf8StillEncode) {
  const std::string out = pp::encode(pp::ErrorReply{std::nullopt, {pp::ErrorCode::bad_request, "bad \xC3"}});
  EXPECT_TRUE(pp::is_valid_utf8(out));
}

TEST(Args, TextRulesAreEnforced) {
  const pp::Json args{{"text", "hello"}, {"blank", "  \n"}, {"num", 3}, {"neg", -1}};
  EXPECT_EQ(pp::text_arg(args, "text", {100}).value(), "hello");
  EXPECT_THROW(pp::text_arg(args, "missing", {100}), pp::ArgError);
  EXPECT_FALSE(pp::text_arg(args, "missing", {100, false}).has_value());
  try {
    pp::text_arg(args, "text", {3});
    FAIL() << "expected too_large";
  } catch (const pp::ArgError& e) {
    EXPECT_EQ(e.code(), pp::ErrorCode::too_large);
  }
  EXPECT_THROW(pp::text_arg(args, "blank", {100, true, true}), pp::ArgError);
  EXPECT_THROW(pp::text_arg(args, "num", {100}), pp::ArgError);
  EXPECT_EQ(pp::uint_arg(args, "num", 0, 1, 10), 3u);
  EXPECT_EQ(pp::uint_arg(args, "missing", 7, 1, 10), 7u);
  EXPECT_THROW(pp::uint_arg(args, "neg", 0, 0, 10), pp::ArgError);
  EXPECT_THROW(pp::uint_arg(args, "num", 0, 5, 10), pp::ArgError);
}
