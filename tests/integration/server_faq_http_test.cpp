// GET /v1/faq: the faq.sync delta over plain HTTP — the token as a Bearer header, the same
// articles as over the WebSocket, gzip for clients that accept it, ETag revalidation (304),
// and typed JSON errors for everything a client can get wrong. Checked on the raw bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "faq_copy.hpp"
#include "raw_http.hpp"
#include "server_test_helpers.hpp"

namespace parley::test {
namespace {

std::string bearer(const ServerProcess& server, const std::string& sub = "u-1") {
  return "Authorization: Bearer " + server.mint_token(sub, "Ann");
}

Json json_of(const RawHttpResponse& response) {
  const std::string body = response.header("content-encoding") == "gzip" ? gunzip(response.body)
                                                                         : response.body;
  return Json::parse(body);
}

std::string error_code_of(const RawHttpResponse& response) {
  return json_of(response)["error"]["code"];
}

TEST(ServerFaqHttp, GivesTheSameCatalogueAsTheWebSocket) {
  ServerProcess server;
  const auto response = raw_http(server.port(), "GET", "/v1/faq?since_version=0", {bearer(server)});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(response.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(response.header("cache-control"), "private, no-cache");
  EXPECT_FALSE(response.header("etag").empty());
  const Json over_http = json_of(response);

  auto client = connect_as(server, "u-1");
  const Json over_ws = client->request("faq.sync", {{"since_version", 0}})["result"];
  EXPECT_EQ(over_http, over_ws);
  EXPECT_EQ(ids_of(over_http["articles"]), (std::vector<std::string>{"en-reset-password", "ko-refund-policy",
                                                                      "ko-reset-password", "refund-policy"}));

  // The locale narrows it, as over the WebSocket, and has an entity tag of its own.
  const auto korean = raw_http(server.port(), "GET", "/v1/faq?locale=ko-KR", {bearer(server)});
  ASSERT_EQ(korean.status, 200);
  EXPECT_EQ(ids_of(json_of(korean)["articles"]),
            (std::vector<std::string>{"ko-refund-policy", "ko-reset-password"}));
  EXPECT_NE(korean.header("etag"), response.header("etag"));
}

TEST(ServerFaqHttp, CompressesForClientsThatAcceptGzip) {
  ServerProcess server;
  const auto plain = raw_http(server.port(), "GET", "/v1/faq", {bearer(server)});
  const auto gzipped =
      raw_http(server.port(), "GET", "/v1/faq", {bearer(server), "Accept-Encoding: br, gzip"});
  ASSERT_EQ(plain.status, 200);
  ASSERT_EQ(gzipped.status, 200);
  EXPECT_EQ(plain.header("content-encoding"), "");
  EXPECT_EQ(gzipped.header("content-encoding"), "gzip");
  EXPECT_EQ(gzipped.header("vary"), "Accept-Encoding");
  EXPECT_LT(gzipped.body.size(), plain.body.size());
  EXPECT_EQ(gunzip(gzipped.body), plain.body);

  const auto refused =
      raw_http(server.port(), "GET", "/v1/faq", {bearer(server), "Accept-Encoding: gzip;q=0, *"});
  EXPECT_EQ(refused.header("content-encoding"), "");
  EXPECT_EQ(refused.body, plain.body);
}

TEST(ServerFaqHttp, AnUnchangedCatalogueIsANotModifiedWithNoBody) {
  FaqCopy faq;
  ServerProcess server(with_faq_dir(faq.dir().string()));
  const auto first = raw_http(server.port(), "GET", "/v1/faq", {bearer(server)});
  ASSERT_EQ(first.status, 200);
  const std::string etag = first.header("etag");
  const std::int64_t version = json_of(first)["version"];

  const auto again = raw_http(server.port(), "GET", "/v1/faq?since_version=" + std::to_string(version),
                              {bearer(server), "If-None-Match: W/\"other\", " + etag});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag"), etag);

  // Once the catalogue changes, the same request gets the delta and a new tag.
  server.stop();
  std::ofstream(faq.dir() / "ko/billing/refund.md", std::ios::app) << "\n추가 안내.\n";
  server.start();
  const auto changed = raw_http(server.port(), "GET", "/v1/faq?since_version=" + std::to_string(version),
                                {bearer(server), "If-None-Match: " + etag});
  ASSERT_EQ(changed.status, 200);
  EXPECT_NE(changed.header("etag"), etag);
  const Json delta = json_of(changed);
  EXPECT_EQ(delta["version"], version + 1);
  EXPECT_EQ(ids_of(delta["articles"]), (std::vector<std::string>{"ko-refund-policy"}));
}

TEST(ServerFaqHttp, BadRequestsGetTypedErrors) {
  ServerProcess server;
  const int port = server.port();

  const auto anonymous = raw_http(port, "GET", "/v1/faq");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.header("www-authenticate"), "Bearer");
  EXPECT_EQ(error_code_of(anonymous), "unauthorized");

  const auto forged = raw_http(port, "GET", "/v1/faq", {"Authorization: Bearer v1.e30.AAAA"});
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(error_code_of(forged), "unauthorized");

  const auto expired = raw_http(port, "GET", "/v1/faq",
                                {"Authorization: Bearer " + server.mint_token("u-1", "Ann", "user", -10)});
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(error_code_of(expired), "token_expired");

  const auto basic = raw_http(port, "GET", "/v1/faq", {"Authorization: Basic dTpw"});
  EXPECT_EQ(basic.status, 401);

  const auto bad_version = raw_http(port, "GET", "/v1/faq?since_version=12abc", {bearer(server)});
  EXPECT_EQ(bad_version.status, 400);
  EXPECT_EQ(error_code_of(bad_version), "bad_request");
  const auto negative = raw_http(port, "GET", "/v1/faq?since_version=-1", {bearer(server)});
  EXPECT_EQ(negative.status, 400);

  const auto bad_locale = raw_http(port, "GET", "/v1/faq?locale=%ff%fe", {bearer(server)});
  EXPECT_EQ(bad_locale.status, 400);
  EXPECT_EQ(error_code_of(bad_locale), "bad_request");

  const auto post = raw_http(port, "POST", "/v1/faq", {bearer(server), "Content-Length: 0"});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.header("allow"), "GET");
  EXPECT_EQ(raw_http(port, "POST", "/v1/faq", {bearer(server)}).status, 405);  // no body at all
  // A chunked request body is refused at once rather than waited for.
  EXPECT_EQ(raw_http(port, "POST", "/v1/faq", {bearer(server), "Transfer-Encoding: chunked"}).status, 411);

  const auto unknown = raw_http(port, "GET", "/v1/nothing-here", {bearer(server)});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_code_of(unknown), "not_found");

  // The WebSocket endpoint without an upgrade says what it is.
  EXPECT_EQ(raw_http(port, "GET", "/v1").status, 426);

  // And the server still serves the WebSocket afterwards.
  auto client = connect_as(server, "u-1");
  EXPECT_TRUE(is_res(client->request("ping", Json::object())));
}

}  // namespace
}  // namespace parley::test
