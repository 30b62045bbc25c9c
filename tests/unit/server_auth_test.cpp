// parley-server auth: base64url, HMAC-SHA256 and signed tokens (docs/protocol.md, section 7).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "protocol/base64url.hpp"
#include "auth/hmac_sha256.hpp"
#include "auth/token.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;
using protocol::base64url_decode;
using protocol::base64url_encode;

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

TEST(Base64Url, EncodesRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url_encode("\xFB\xFF\xBF"), "-_-_");  // the URL-safe characters
}

TEST(Base64Url, RoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    const auto decoded = base64url_decode(base64url_encode(all.substr(0, n)));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, all.substr(0, n));
  }
}

TEST(Base64Url, RejectsNonCanonicalInput) {
  EXPECT_FALSE(base64url_decode("Zg=="));  // padding
  EXPECT_FALSE(base64url_decode("Zm9v+g"));  // standard alphabet
  EXPECT_FALSE(base64url_decode("Z"));  // impossible length
  EXPECT_FALSE(base64url_decode("Zh"));  // stray low bits
  EXPECT_FALSE(base64url_decode("Zm 9v"));
  EXPECT_EQ(base64url_decode("Zg"), std::optional<std::string>("f"));
}

TEST(HmacSha256, MatchesRfc4231TestCase2) {
  EXPECT_EQ(hex(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256, ConstantTimeEqualCompares) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

constexpr std::int64_t kNow = 1'795'000'000;

TEST(Token, MintedTokenVerifies) {
  const std::string token = mint_token({"u-42", "Ann", PrincipalKind::agent, kNow + 60}, "s3cret");
  EXPECT_EQ(token.rfind("v1.", 0), 0u);
  const auto verified = verify_token(token, "s3cret", kNow);
  ASSERT_TRUE(std::holds_alternative<TokenClaims>(verified));
  const auto& claims = std::get<TokenClaims>(verified);
  EXPECT_EQ(claims.sub, "u-42");
  EXPECT_EQ(claims.name, "Ann");
  EXPECT_EQ(claims.kind, PrincipalKind::agent);
  EXPECT_EQ(claims.exp, kNow + 60);
}

TEST(Token, HasTheDocumentedShape) {
  const std::string token = mint_token({"u-1", "Ann", PrincipalKind::user, kNow}, "k");
  const auto first_dot = token.find('.');
  const auto last_dot = token.rfind('.');
  ASSERT_NE(first_dot, last_dot);
  const auto payload = base64url_decode(token.substr(first_dot + 1, last_dot - first_dot - 1));
  ASSERT_TRUE(payload);
  EXPECT_EQ(nlohmann::json::parse(*payload),
            (nlohmann::json{{"sub", "u-1"}, {"name", "Ann"}, {"kind", "user"}, {"exp", kNow}}));
  EXPECT_EQ(token.substr(last_dot + 1),
            base64url_encode(hmac_sha256("k", token.substr(0, last_dot))));
}

TokenError error_of(std::string_view token, std::string_view secret = "s3cret") {
  auto verified = verify_token(token, secret, kNow);
  EXPECT_TRUE(std::holds_alternative<TokenError>(verified)) << token;
  return std::holds_alternative<TokenError>(verified) ? std::get<TokenError>(verified) : TokenError{};
}

// A correctly signed token around an arbitrary payload.
std::string signed_token(const std::string& payload_json, std::string_view secret = "s3cret") {
  const std::string head = "v1." + base64url_encode(payload_json);
  return head + "." + base64url_encode(hmac_sha256(secret, head));
}

TEST(Token, WrongSecretOrTamperingIsUnauthorized) {
  const std::string token = mint_token({"u-1", "Ann", PrincipalKind::user, kNow + 60}, "s3cret");
  EXPECT_EQ(error_of(token, "other").code, ErrorCode::unauthorized);
  std::string tampered = token;
  tampered[5] = tampered[5] == 'a' ? 'b' : 'a';
  EXPECT_EQ(error_of(tampered).code, ErrorCode::unauthorized);
  EXPECT_EQ(error_of("").code, ErrorCode::unauthorized);
  EXPECT_EQ(error_of("v2.abc.def").code, ErrorCode::unauthorized);
  EXPECT_EQ(error_of("v1.nodot").code, ErrorCode::unauthorized);
}

TEST(Token, ExpiredOnlyWhenGenuine) {
  const std::string expired = mint_token({"u-1", "Ann", PrincipalKind::user, kNow - 1}, "s3cret");
  EXPECT_EQ(error_of(expired).code, ErrorCode::token_expired);
  EXPECT_EQ(error_of(mint_token({"u-1", "Ann", PrincipalKind::user, kNow}, "s3cret")).code,
            ErrorCode::token_expired);  // exp is exclusive
  EXPECT_EQ(error_of(expired, "other").code, ErrorCode::unauthorized);
}

TEST(Token, BadClaimsAreUnauthorized) {
  const std::string exp = std::to_string(kNow + 60);
  EXPECT_EQ(error_of(signed_token("[1]")).code, ErrorCode::unauthorized);
  EXPECT_EQ(error_of(signed_token("{not json")).code, ErrorCode::unauthorized);
  EXPECT_EQ(error_of(signed_token(R"({"exp":)" + exp + "}")).code, ErrorCode::unauthorized);
  EXPECT_EQ(error_of(signed_token(R"({"sub":"","exp":)" + exp + "}")).code, ErrorCode::unauthorized);
  EXPECT_EQ(error_of(signed_token(R"({"sub":")" + std::string(65, 'u') + R"(","exp":)" + exp + "}")).code,
            ErrorCode::unauthorized);
  EXPECT_EQ(error_of(signed_token(R"({"sub":"u","kind":"admin","exp":)" + exp + "}")).code,
            ErrorCode::unauthorized);
  EXPECT_EQ(error_of(signed_token(R"({"sub":"u","exp":"soon"})")).code, ErrorCode::unauthorized);
  EXPECT_EQ(error_of(signed_token(R"({"sub":"u"})")).code, ErrorCode::unauthorized);
}

TEST(Token, KindDefaultsToUserAndNameToSub) {
  const auto verified =
      verify_token(signed_token(R"({"sub":"u-7","exp":)" + std::to_string(kNow + 1) + "}"), "s3cret", kNow);
  ASSERT_TRUE(std::holds_alternative<TokenClaims>(verified));
  EXPECT_EQ(std::get<TokenClaims>(verified).kind, PrincipalKind::user);
  EXPECT_EQ(std::get<TokenClaims>(verified).name, "u-7");
}

}  // namespace
}  // namespace parley::server
