// The FAQ synced from the real server and searched on the device, online and offline.
#include <gtest/gtest.h>

#include <fstream>

#include "../unit/sdk_temp_dir.hpp"
#include "faq_copy.hpp"
#include "loopback_socket.hpp"
#include "sdk_test_client.hpp"

namespace parley::test {
namespace {

std::vector<SearchHit> search(SdkTestClient& client, const std::string& query,
                              const std::string& locale, std::uint64_t tag) {
  client->search_faq(query, locale, 10, tag);
  const auto results = client.wait_for(reply_to(EventType::faq_results, tag));
  if (!results) {
    ADD_FAILURE() << "no faq_results for " << query;
    return {};
  }
  EXPECT_TRUE(results->error.ok()) << results->error.message;
  return results->hits;
}

TEST(SdkFaq, SyncedArticlesAreFoundInEnglishAndKoreanAlsoOffline) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));

  EXPECT_TRUE(search(user, "password", "", 1).empty());  // nothing on the device yet

  user->sync_faq(2);
  const auto synced = user.wait_for(reply_to(EventType::faq_synced, 2));
  ASSERT_TRUE(synced);
  ASSERT_TRUE(synced->error.ok()) << synced->error.message;
  EXPECT_EQ(synced->count, 4);  // tests/support/faq: two articles in en, two in ko
  EXPECT_GT(synced->version, 0);

  const auto en = search(user, "password", "", 3);
  ASSERT_FALSE(en.empty());
  EXPECT_EQ(en[0].article.locale, "en");
  EXPECT_EQ(en[0].article.title, "I forgot my password");

  const auto ko = search(user, "비밀번호", "", 4);
  ASSERT_FALSE(ko.empty());
  EXPECT_EQ(ko[0].article.locale, "ko");
  EXPECT_EQ(ko[0].article.title, "비밀번호를 잊어버렸어요");

  // Korean through a particle, narrowed by a full locale tag that falls back to "ko".
  const auto refund = search(user, "환불은", "ko-KR", 5);
  ASSERT_FALSE(refund.empty());
  EXPECT_EQ(refund[0].article.id, "ko-refund-policy");

  const std::size_t before = user.event_count();
  server.stop();
  ASSERT_TRUE(user.wait_state(ConnectionState::disconnected, before));

  const auto offline_ko = search(user, "환불", "", 6);
  ASSERT_FALSE(offline_ko.empty());
  EXPECT_EQ(offline_ko[0].article.id, "ko-refund-policy");
  const auto offline_en = search(user, "forgot password", "en", 7);
  ASSERT_FALSE(offline_en.empty());
  EXPECT_EQ(offline_en[0].article.title, "I forgot my password");

  // A sync needs the network: it answers at once that there is none.
  user->sync_faq(8);
  const auto offline_sync = user.wait_for(reply_to(EventType::faq_synced, 8));
  ASSERT_TRUE(offline_sync);
  EXPECT_EQ(offline_sync->error.code, ErrorCode::disconnected);
}

TEST(SdkFaq, ASecondSyncFetchesOnlyWhatChanged) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  user->sync_faq(1);
  const auto first = user.wait_for(reply_to(EventType::faq_synced, 1));
  ASSERT_TRUE(first && first->error.ok());
  user->sync_faq(2);
  const auto second = user.wait_for(reply_to(EventType::faq_synced, 2));
  ASSERT_TRUE(second && second->error.ok());
  EXPECT_EQ(second->count, 0);
  EXPECT_EQ(second->version, first->version);
  EXPECT_FALSE(search(user, "refund", "", 3).empty());  // the articles are still there
}

TEST(SdkFaq, ArticleFeedbackReachesTheServerOnceEvenWhenGivenOffline) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));

  const std::string first = user->rate_article("refund-policy", true, 1);
  const auto rated = user.wait_for(reply_to(EventType::article_rated, 1));
  ASSERT_TRUE(rated);
  ASSERT_TRUE(rated->error.ok()) << rated->error.message;
  EXPECT_EQ(rated->client_id, first);
  EXPECT_EQ(rated->feedback.article_id, "refund-policy");
  EXPECT_TRUE(rated->feedback.helpful);
  EXPECT_EQ(rated->feedback.helpful_count, 1);
  EXPECT_EQ(rated->feedback.not_helpful_count, 0);

  // Offline, Ann changes her mind: the vote waits in the outbox and replaces the first.
  const std::size_t before = user.event_count();
  server.stop();
  ASSERT_TRUE(user.wait_state(ConnectionState::disconnected, before));
  user->rate_article("refund-policy", false, 2);
  EXPECT_EQ(user->outbox_size(), 1u);
  server.start();
  const auto changed = user.wait_for(reply_to(EventType::article_rated, 2));
  ASSERT_TRUE(changed);
  ASSERT_TRUE(changed->error.ok()) << changed->error.message;
  EXPECT_FALSE(changed->feedback.helpful);
  EXPECT_EQ(changed->feedback.helpful_count, 0);
  EXPECT_EQ(changed->feedback.not_helpful_count, 1);
  EXPECT_EQ(user->outbox_size(), 0u);

  user->rate_article("no-such-article", true, 3);
  const auto unknown = user.wait_for(reply_to(EventType::article_rated, 3));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->error.code, ErrorCode::not_found);
  EXPECT_EQ(user.events(reply_to(EventType::article_rated, 2)).size(), 1u);
  EXPECT_THROW(user->rate_article("not an id", true, 4), Exception);
}

std::optional<Event> sync(SdkTestClient& client, std::uint64_t tag) {
  client->sync_faq(tag);
  return client.wait_for(reply_to(EventType::faq_synced, tag));
}

std::vector<std::string> suggested(SdkTestClient& client, const std::string& text,
                                   std::uint64_t tag) {
  client->suggest_articles(text, "", 3, tag);
  const auto results = client.wait_for(reply_to(EventType::faq_results, tag));
  if (!results) {
    ADD_FAILURE() << "no faq_results for " << text;
    return {};
  }
  EXPECT_TRUE(results->error.ok()) << results->error.message;
  std::vector<std::string> ids;
  for (const auto& hit : results->hits) ids.push_back(hit.article.id);
  return ids;
}

TEST(SdkFaq, SuggestsArticlesForWhatTheUserIsWritingAndNothingForSmallTalk) {
  ServerProcess server;
  SdkTestClient user(sdk_config(server, server.mint_token("u-ann", "Ann")));
  ASSERT_TRUE(user.wait_state(ConnectionState::connected));
  const auto synced = sync(user, 1);
  ASSERT_TRUE(synced && synced->error.ok());

  EXPECT_EQ(suggested(user, "I was charged for an order I cancelled and would like a refund to my card", 2),
            (std::vector<std::string>{"refund-policy"}));
  EXPECT_EQ(suggested(user, "can't sign in, I forgot the password", 3).at(0), "en-reset-password");
  EXPECT_EQ(suggested(user, "지난주에 주문한 상품 환불 받고 싶어요", 4).at(0), "ko-refund-policy");
  // Words the help center shares with the text, but not what the text is about.
  EXPECT_TRUE(suggested(user, "Hi there, quick question about the colour of the jacket in the photo", 5).empty());
  // A search for the same text still lists whatever matches, weakly or not.
  EXPECT_FALSE(search(user, "the refund", "", 6).empty());

  // From the device: offline too.
  const std::size_t before = user.event_count();
  server.stop();
  ASSERT_TRUE(user.wait_state(ConnectionState::disconnected, before));
  EXPECT_EQ(suggested(user, "how long does a refund take", 7).at(0), "refund-policy");
  EXPECT_THROW(user->suggest_articles("   ", "", 3, 8), Exception);
}

// A port nothing listens on: the chat link of these clients never comes up.
int closed_port() {
  int port = 0;
  int fd = listen_on_loopback(port, "closed_port");
  close_fd(fd);
  return port;
}

// The help center over HTTP only (Config::faq_url): no chat link is needed to sync it.
Config http_faq_config(const ServerProcess& server, const std::string& token,
                       const std::string& store_path = {}) {
  Config config = sdk_config(server, token, store_path);
  config.server_url = "ws://127.0.0.1:" + std::to_string(closed_port()) + "/v1";
  config.faq_url = "http://127.0.0.1:" + std::to_string(server.port()) + "/v1/faq";
  return config;
}

TEST(SdkFaq, SyncsOverHttpWithNoChatLinkAndRevalidatesByETag) {
  FaqCopy faq;
  ServerOptions options;
  options.faq_dir = faq.dir().string();
  ServerProcess server(options);
  SdkTempDir dir;
  const std::string token = server.mint_token("u-ann", "Ann");
  std::int64_t version = 0;
  {
    SdkTestClient user(http_faq_config(server, token, dir.file("store.db")));
    const auto first = sync(user, 1);
    ASSERT_TRUE(first);
    ASSERT_TRUE(first->error.ok()) << first->error.message;
    EXPECT_EQ(first->count, 4);
    version = first->version;
    EXPECT_EQ(search(user, "비밀번호", "", 2).at(0).article.id, "ko-reset-password");
    EXPECT_TRUE(user.events([](const Event& e) {  // the chat link never came up
                      return e.type == EventType::connection_changed &&
                             e.connection == ConnectionState::connected;
                    }).empty());

    // Syncs asked for together: each gets its own reply; nothing changed (a 304).
    user->sync_faq(3);
    user->sync_faq(4);
    for (std::uint64_t tag : {3u, 4u}) {
      const auto again = user.wait_for(reply_to(EventType::faq_synced, tag));
      ASSERT_TRUE(again);
      ASSERT_TRUE(again->error.ok()) << again->error.message;
      EXPECT_EQ(again->count, 0);
      EXPECT_EQ(again->version, version);
    }
  }

  // The catalogue changes while the app is closed; the next sync brings just that change.
  server.stop();
  std::ofstream(faq.dir() / "ko/billing/refund.md", std::ios::app) << "\n택배 반품 안내.\n";
  server.start();
  SdkTestClient user(http_faq_config(server, token, dir.file("store.db")));
  EXPECT_EQ(search(user, "refund", "", 5).at(0).article.id, "refund-policy");  // from the device
  const auto changed = sync(user, 6);
  ASSERT_TRUE(changed);
  ASSERT_TRUE(changed->error.ok()) << changed->error.message;
  EXPECT_EQ(changed->count, 1);
  EXPECT_EQ(changed->version, version + 1);
  EXPECT_EQ(search(user, "택배 반품", "ko", 7).at(0).article.id, "ko-refund-policy");
}

TEST(SdkFaq, AnHttpSyncThatFailsSaysWhy) {
  ServerProcess server;
  SdkTestClient forged(http_faq_config(server, "v1.e30.AAAA"));
  const auto refused = sync(forged, 1);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->error.code, ErrorCode::unauthorized) << refused->error.message;

  SdkTestClient expired(http_faq_config(server, server.mint_token("u-ann", "Ann", "user", -10)));
  const auto late = sync(expired, 1);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->error.code, ErrorCode::token_expired) << late->error.message;

  SdkTestClient user(http_faq_config(server, server.mint_token("u-ann", "Ann")));
  server.stop();
  const auto offline = sync(user, 2);
  ASSERT_TRUE(offline);
  EXPECT_EQ(offline->error.code, ErrorCode::disconnected) << offline->error.message;

  Config bad_url = sdk_config(server, "token");
  bad_url.faq_url = "ftp://example.com/faq";
  EXPECT_THROW(Client{bad_url}, Exception);
}

}  // namespace
}  // namespace parley::test
