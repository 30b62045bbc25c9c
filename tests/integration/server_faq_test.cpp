// parley-server FAQ: the folder is loaded into a versioned catalogue (faq.sync hands out what
// changed, deletions included) and searched (faq.search), in English and Korean; readers'
// feedback on articles (faq.feedback) is recorded, one vote each.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "faq_copy.hpp"
#include "server_test_helpers.hpp"

namespace parley::test {
namespace {

TEST(ServerFaq, SyncFromZeroReturnsEveryArticle) {
  ServerProcess server;
  auto client = connect_as(server, "u-1");
  const Json reply = client->request("faq.sync", {{"since_version", 0}});
  ASSERT_TRUE(is_res(reply)) << reply.dump();
  const Json& result = reply["result"];
  EXPECT_EQ(ids_of(result["articles"]), (std::vector<std::string>{"en-reset-password", "ko-refund-policy",
                                                                   "ko-reset-password", "refund-policy"}));
  EXPECT_TRUE(result["deleted"].empty());
  EXPECT_EQ(result["version"], 1);

  const auto refund = std::find_if(result["articles"].begin(), result["articles"].end(),
                                   [](const Json& a) { return a["id"] == "refund-policy"; });
  ASSERT_NE(refund, result["articles"].end());
  EXPECT_EQ((*refund)["locale"], "en");
  EXPECT_EQ((*refund)["category"], "billing");
  EXPECT_EQ((*refund)["title"], "How do I get a refund?");
  EXPECT_EQ((*refund)["tags"], (Json{"refund", "billing", "money back"}));
  EXPECT_EQ((*refund)["version"], 1);
  EXPECT_EQ((*refund)["body"].get<std::string>().rfind("Open **Orders**", 0), 0u);

  const Json korean = client->request("faq.sync", {{"since_version", 0}, {"locale", "ko-KR"}});
  EXPECT_EQ(ids_of(korean["result"]["articles"]),
            (std::vector<std::string>{"ko-refund-policy", "ko-reset-password"}));
  const Json current = client->request("faq.sync", {{"since_version", 1}});
  EXPECT_TRUE(current["result"]["articles"].empty());
  EXPECT_EQ(current["result"]["version"], 1);
}

TEST(ServerFaq, ChangesAndDeletionsGetANewVersion) {
  FaqCopy faq;
  ServerProcess server(with_faq_dir(faq.dir().string()));
  connect_as(server, "u-1");  // the user exists before the catalogue changes
  server.stop();

  // Edit one article, delete one, leave two alone; restart on the same database.
  fs::remove(faq.dir() / "en/account/reset-password.md");
  std::ofstream(faq.dir() / "ko/billing/refund.md", std::ios::app) << "\n추가 안내.\n";
  server.start();

  // The user is told the catalogue changed, as an event like any other.
  RawWsClient client;
  ASSERT_TRUE(client.connect(server.url()));
  const Json welcome = client.hello(server.mint_token("u-1", "Ann"));
  ASSERT_TRUE(is_res(welcome)) << welcome.dump();
  EXPECT_EQ(welcome["result"]["latest_seq"], 1);
  const Json event = client.receive_json();
  EXPECT_EQ(event["name"], "faq.changed");
  EXPECT_EQ(event["seq"], 1);
  EXPECT_EQ(event["data"]["version"], 2);

  const Json reply = client.request("faq.sync", {{"since_version", 1}});
  ASSERT_TRUE(is_res(reply)) << reply.dump();
  EXPECT_EQ(reply["result"]["version"], 2);
  EXPECT_EQ(ids_of(reply["result"]["articles"]), (std::vector<std::string>{"ko-refund-policy"}));
  EXPECT_EQ(reply["result"]["articles"][0]["version"], 2);
  EXPECT_EQ(reply["result"]["deleted"], (Json{"en-reset-password"}));
  EXPECT_EQ(client.request("faq.sync", {{"since_version", 0}})["result"]["articles"].size(), 3u);

  // Search no longer finds the deleted article.
  const Json search = client.request("faq.search", {{"query", "password"}, {"locale", "en"}});
  EXPECT_TRUE(search["result"]["hits"].empty()) << search.dump();

  // An unchanged folder on the next start changes nothing.
  server.stop();
  server.start();
  auto again = connect_as(server, "u-1");
  const Json same = again->request("faq.sync", {{"since_version", 2}});
  EXPECT_EQ(same["result"]["version"], 2);
  EXPECT_TRUE(same["result"]["articles"].empty());
  EXPECT_TRUE(same["result"]["deleted"].empty());
}

TEST(ServerFaq, SearchFindsEnglishAndKoreanArticles) {
  ServerProcess server;
  auto client = connect_as(server, "u-1");
  const Json en = client->request("faq.search", {{"query", "refund"}, {"locale", "en"}});
  ASSERT_TRUE(is_res(en)) << en.dump();
  ASSERT_FALSE(en["result"]["hits"].empty());
  const Json& top = en["result"]["hits"][0];
  EXPECT_EQ(top["article"]["id"], "refund-policy");
  EXPECT_GT(top["score"].get<double>(), 0.0);
  EXPECT_TRUE(top["snippet"].is_string());

  const Json ko = client->request("faq.search", {{"query", "비밀번호"}, {"locale", "ko-KR"}});
  ASSERT_TRUE(is_res(ko)) << ko.dump();
  ASSERT_FALSE(ko["result"]["hits"].empty());
  EXPECT_EQ(ko["result"]["hits"][0]["article"]["id"], "ko-reset-password");
  for (const auto& hit : ko["result"]["hits"]) EXPECT_EQ(hit["article"]["locale"], "ko");

  const Json limited = client->request("faq.search", {{"query", "refund 환불 password 비밀번호"}, {"limit", 1}});
  EXPECT_EQ(limited["result"]["hits"].size(), 1u);
  EXPECT_EQ(error_code(client->request("faq.search", {{"query", "  "}})), "bad_request");
  EXPECT_EQ(error_code(client->request("faq.search", {{"query", "x"}, {"limit", 51}})), "bad_request");
}

Json feedback(RawWsClient& client, const std::string& client_id, const std::string& article,
              bool helpful) {
  return client.request("faq.feedback",
                        {{"client_id", client_id}, {"article_id", article}, {"helpful", helpful}});
}

TEST(ServerFaq, FeedbackIsOneVotePerReaderAndTheLatestCounts) {
  ServerProcess server;
  auto ann = connect_as(server, "u-ann");
  auto bob = connect_as(server, "u-bob");

  auto reply = feedback(*ann, "fb-1", "refund-policy", true);
  ASSERT_TRUE(is_res(reply)) << reply.dump();
  EXPECT_EQ(reply["result"]["feedback"],
            (Json{{"article_id", "refund-policy"}, {"helpful", true}, {"helpful_count", 1},
                  {"not_helpful_count", 0}}));
  // A resend of the same write (after a cut link) changes nothing.
  EXPECT_EQ(feedback(*ann, "fb-1", "refund-policy", true)["result"]["feedback"]["helpful_count"], 1);

  reply = feedback(*bob, "fb-1", "refund-policy", false);  // client ids are per reader
  EXPECT_EQ(reply["result"]["feedback"]["helpful_count"], 1);
  EXPECT_EQ(reply["result"]["feedback"]["not_helpful_count"], 1);

  reply = feedback(*ann, "fb-2", "refund-policy", false);  // Ann changes her mind
  EXPECT_EQ(reply["result"]["feedback"]["helpful_count"], 0);
  EXPECT_EQ(reply["result"]["feedback"]["not_helpful_count"], 2);

  // Recorded durably: counted the same after a crash.
  server.kill();
  server.start();
  auto carol = connect_as(server, "u-carol");
  reply = feedback(*carol, "fb-1", "refund-policy", true);
  EXPECT_EQ(reply["result"]["feedback"]["helpful_count"], 1);
  EXPECT_EQ(reply["result"]["feedback"]["not_helpful_count"], 2);
}

TEST(ServerFaq, FeedbackNeedsAUserAKnownArticleAndAYesOrNo) {
  ServerProcess server;
  auto user = connect_as(server, "u-1");
  EXPECT_EQ(error_code(feedback(*user, "fb-1", "no-such-article", true)), "not_found");
  EXPECT_EQ(error_code(user->request("faq.feedback", {{"client_id", "fb-2"}, {"article_id", "refund-policy"}})),
            "bad_request");
  EXPECT_EQ(error_code(user->request("faq.feedback", {{"client_id", "fb-3"},
                                                      {"article_id", "refund-policy"},
                                                      {"helpful", "yes"}})),
            "bad_request");
  EXPECT_EQ(error_code(user->request("faq.feedback", {{"article_id", "refund-policy"}, {"helpful", true}})),
            "bad_request");  // no client_id
  auto agent = connect_as(server, "a-1", "agent");
  EXPECT_EQ(error_code(feedback(*agent, "fb-4", "refund-policy", true)), "forbidden");
}

}  // namespace
}  // namespace parley::test
