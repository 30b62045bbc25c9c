// The small parts of the client: argument checks, the event queue and its wake-up, server
// URLs, client ids, and the local FAQ library.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>
#include <variant>

#include "client/argument_checks.hpp"
#include "client/client_id.hpp"
#include "client/event_queue.hpp"
#include "client/faq_fetch.hpp"
#include "client/faq_library.hpp"
#include "client/files_dir.hpp"
#include "client/sdk_info.hpp"
#include "protocol/frame.hpp"
#include "sdk_temp_dir.hpp"
#include "transport/server_url.hpp"

namespace {

using parley::ErrorCode;
using parley::Event;
using parley::EventType;
using namespace std::chrono_literals;

ErrorCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const parley::Exception& e) {
    return e.code();
  }
  return ErrorCode::ok;
}

// A client whose store is in memory gets a folder of its own for files: one no one had (a
// folder an earlier process left, even one with the same pid, would serve its downloads as
// this client's), that no other user of the machine may read (the temporary directory is
// shared), removed with the client with everything in it.
TEST(SdkFilesDir, AnInMemoryClientsFolderIsFreshPrivateAndGoesWithIt) {
  namespace fs = std::filesystem;
  std::string first_path;
  {
    const parley::client::FilesDir first("");
    const parley::client::FilesDir second(":memory:");
    first_path = first.path();
    EXPECT_NE(first.path(), second.path());
    EXPECT_TRUE(fs::is_directory(first.path()));
    EXPECT_TRUE(fs::is_empty(first.path()));
    EXPECT_EQ(fs::status(first.path()).permissions() & (fs::perms::group_all | fs::perms::others_all),
              fs::perms::none);
    std::ofstream(first.path() + "/att1") << "a download";
  }
  EXPECT_FALSE(std::filesystem::exists(first_path));
}

// A store's files live beside it and stay with it across runs.
TEST(SdkFilesDir, AStoresFolderIsBesideItAndStays) {
  const parley::test::SdkTempDir dir;
  const std::string store = dir.file("ann.db");
  {
    const parley::client::FilesDir files(store);
    EXPECT_EQ(files.path(), store + ".files");
    std::filesystem::create_directories(files.path());
    std::ofstream(files.path() + "/att1") << "a download";
  }
  EXPECT_TRUE(std::filesystem::exists(store + ".files/att1"));
}

// A reset view forgets the files kept by attachment id; the files of writes still waiting to
// go out stay, as the writes do.
TEST(SdkFilesDir, ForgettingKeptFilesLeavesTheWritesStillWaiting) {
  const parley::test::SdkTempDir dir;
  const parley::client::FilesDir files(dir.file("ann.db"));
  parley::client::forget_kept_files(files.path());  // none yet: nothing to do, nothing thrown
  std::filesystem::create_directories(files.path() + "/outgoing");
  std::ofstream(files.path() + "/att1") << "a download";
  std::ofstream(files.path() + "/att2") << "an upload, kept";
  std::ofstream(files.path() + "/outgoing/up1") << "a write's file, waiting";
  parley::client::forget_kept_files(files.path());
  EXPECT_FALSE(std::filesystem::exists(files.path() + "/att1"));
  EXPECT_FALSE(std::filesystem::exists(files.path() + "/att2"));
  EXPECT_TRUE(std::filesystem::exists(files.path() + "/outgoing/up1"));
}

TEST(SdkArgumentChecks, TextMustBeValidNonBlankUtf8WithinTheLimit) {
  using parley::client::check_text;
  EXPECT_EQ(code_of([] { check_text("text", "hello 안녕", 100, true); }), ErrorCode::ok);
  EXPECT_EQ(code_of([] { check_text("text", "", 100, true); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([] { check_text("text", " \t\n", 100, true); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([] { check_text("text", "\xC3\x28", 100, true); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([] { check_text("text", std::string(101, 'a'), 100, true); }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([] { check_text("description", "", 100, false); }), ErrorCode::ok);
}

TEST(SdkArgumentChecks, TheMessageNamesTheArgument) {
  try {
    parley::client::check_text("subject", "", 10, true);
    FAIL() << "no exception";
  } catch (const parley::Exception& e) {
    EXPECT_NE(std::string(e.what()).find("subject"), std::string::npos) << e.what();
  }
}

TEST(SdkArgumentChecks, IdsFollowTheProtocolAlphabet) {
  using parley::client::check_id;
  EXPECT_EQ(code_of([] { check_id("ticket_id", "t-5"); }), ErrorCode::ok);
  EXPECT_EQ(code_of([] { check_id("ticket_id", ""); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([] { check_id("ticket_id", "t 5"); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([] { check_id("ticket_id", std::string(65, 'a')); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([] { check_id("before", "", /*optional=*/true); }), ErrorCode::ok);
}

TEST(SdkArgumentChecks, TicketDraftsAndStatuses) {
  parley::client::AnnouncedLimits limits;
  const parley::TicketValues metadata{{"os", "Linux"}};
  const parley::TicketSchema no_schema;
  parley::TicketDraft draft;
  draft.subject = "Refund";
  auto check = [&](const parley::TicketSchema& schema, const parley::TicketValues& meta) {
    return code_of([&] { parley::client::check_ticket_draft(draft, meta, schema, limits); });
  };
  EXPECT_EQ(check(no_schema, metadata), ErrorCode::ok);
  draft.priority = "asap";
  EXPECT_EQ(check(no_schema, metadata), ErrorCode::invalid_argument);
  draft.priority = "high";
  draft.subject = std::string(limits.max_subject_bytes.load() + 1, 's');
  EXPECT_EQ(check(no_schema, metadata), ErrorCode::invalid_argument);
  draft.subject = "Refund";
  EXPECT_EQ(check(no_schema, {{"bad key", "x"}}), ErrorCode::invalid_argument);

  // The server's schema, as the device last saw it, is the server's own check.
  parley::TicketSchema schema;
  schema.categories = {{"billing", "Billing"}};
  parley::TicketFieldSpec count;
  count.key = "count";
  count.type = "number";
  count.required = true;
  schema.fields = {count};
  EXPECT_EQ(check(schema, metadata), ErrorCode::invalid_argument);  // count is required
  draft.fields["count"] = "3";
  EXPECT_EQ(check(schema, metadata), ErrorCode::ok);
  draft.fields["count"] = "three";
  EXPECT_EQ(check(schema, metadata), ErrorCode::invalid_argument);
  draft.fields["count"] = "3";
  draft.category = "gardening";
  EXPECT_EQ(check(schema, metadata), ErrorCode::invalid_argument);

  EXPECT_EQ(code_of([] { parley::client::check_ticket_status("solved", false); }), ErrorCode::ok);
  EXPECT_EQ(code_of([] { parley::client::check_ticket_status("", false); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([] { parley::client::check_ticket_status("", true); }), ErrorCode::ok);
  EXPECT_EQ(code_of([] { parley::client::check_ticket_status("done", true); }), ErrorCode::invalid_argument);
}

TEST(SdkArgumentChecks, TicketQueries) {
  parley::client::AnnouncedLimits limits;
  auto check = [&](const parley::TicketQuery& q) {
    return code_of([&] { parley::client::check_ticket_query(q, limits); });
  };
  parley::TicketQuery query;
  EXPECT_EQ(check(query), ErrorCode::ok);
  query.statuses = {"open", "pending"};
  query.before_ticket_id = "t-9";
  EXPECT_EQ(check(query), ErrorCode::ok);
  for (int limit : {0, 101}) {
    parley::TicketQuery q;
    q.limit = limit;
    EXPECT_EQ(check(q), ErrorCode::invalid_argument) << limit;
  }
  parley::TicketQuery bad_status;
  bad_status.statuses = {"open", "done"};
  EXPECT_EQ(check(bad_status), ErrorCode::invalid_argument);
  parley::TicketQuery bad_before;
  bad_before.before_ticket_id = "t 9";
  EXPECT_EQ(check(bad_before), ErrorCode::invalid_argument);
}

TEST(SdkDeviceMetadata, NamesTheSdkAppAndDevice) {
  parley::Config config;
  config.app = "com.example.shop/2.3.1";
  config.platform = "android";
  config.locale = "ko-KR";
  config.os = "Android 15";
  config.device = "Pixel 9";
  const auto values = parley::client::device_metadata(config);
  EXPECT_EQ(values.at("app"), "com.example.shop");
  EXPECT_EQ(values.at("app_version"), "2.3.1");
  EXPECT_EQ(values.at("platform"), "android");
  EXPECT_EQ(values.at("locale"), "ko-KR");
  EXPECT_EQ(values.at("os"), "Android 15");
  EXPECT_EQ(values.at("device"), "Pixel 9");
  EXPECT_EQ(values.at("sdk").rfind("parley-cpp/", 0), 0u);
  // Unknown parts are left out; the system fills os and device where it can.
  const auto bare = parley::client::device_metadata(parley::Config{});
  EXPECT_FALSE(bare.contains("app"));
  EXPECT_FALSE(bare.contains("locale"));
  EXPECT_FALSE(bare.at("os").empty());
  EXPECT_FALSE(bare.at("device").empty());
}

TEST(SdkArgumentChecks, ConfigNeedsAWebSocketUrlAndSaneDurations) {
  parley::Config config;
  config.server_url = "ws://127.0.0.1:8787/v1";
  EXPECT_EQ(code_of([&] { parley::client::check_config(config); }), ErrorCode::ok);
  config.server_url = "http://127.0.0.1:8787/v1";
  EXPECT_EQ(code_of([&] { parley::client::check_config(config); }), ErrorCode::invalid_argument);
  config.server_url = "ws://127.0.0.1:8787/v1";
  config.reconnect_cap = 10ms;
  config.reconnect_base = 20ms;
  EXPECT_EQ(code_of([&] { parley::client::check_config(config); }), ErrorCode::invalid_argument);
  config.reconnect_cap = 30s;
  config.request_timeout = 0ms;
  EXPECT_EQ(code_of([&] { parley::client::check_config(config); }), ErrorCode::invalid_argument);
}

TEST(SdkServerUrl, ReadsHostPortAndPath) {
  using parley::transport::parse_server_url;
  const auto plain = parse_server_url("ws://127.0.0.1:8787/v1");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->tls);
  EXPECT_EQ(plain->host, "127.0.0.1");
  EXPECT_EQ(plain->port, 8787);
  EXPECT_EQ(plain->path, "/v1");
  const auto secure = parse_server_url("wss://support.example.com");
  ASSERT_TRUE(secure);
  EXPECT_TRUE(secure->tls);
  EXPECT_EQ(secure->port, 443);
  EXPECT_EQ(secure->path, "/");
  const auto v6 = parse_server_url("ws://[::1]:9000/v1");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 9000);
}

TEST(SdkServerUrl, RefusesWhatIsNotAWebSocketUrl) {
  using parley::transport::parse_server_url;
  for (const char* bad : {"", "http://host/v1", "ws://", "ws://:80/v1", "ws://host:0/v1",
                          "ws://host:70000/v1", "ws://host:80x/v1", "ws://host:/v1",
                          "ws://[::1/v1", "ws://user@host/v1"}) {
    EXPECT_FALSE(parse_server_url(bad)) << bad;
  }
}

TEST(SdkClientId, IsAUuidV4ThatTheProtocolAccepts) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto id = parley::client::new_client_id();
    ASSERT_EQ(id.size(), 36u);
    EXPECT_EQ(id[14], '4');
    EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b') << id;
    EXPECT_TRUE(parley::protocol::is_valid_id(id)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

Event event_of(EventType type, std::uint64_t tag = 0) {
  Event e;
  e.type = type;
  e.tag = tag;
  return e;
}

TEST(SdkEventQueue, PopsInOrderAndTimesOutWhenEmpty) {
  parley::client::EventQueue queue;
  EXPECT_FALSE(queue.pop(0ms));
  queue.push(event_of(EventType::resynced, 1));
  queue.push(event_of(EventType::faq_results, 2));
  EXPECT_EQ(queue.pop(0ms)->tag, 1u);
  EXPECT_EQ(queue.pop(0ms)->tag, 2u);
  EXPECT_FALSE(queue.pop(1ms));
}

TEST(SdkEventQueue, WakeUpIsCalledOnlyWhenTheQueueBecomesNonEmpty) {
  parley::client::EventQueue queue;
  int wakeups = 0;
  queue.set_wakeup([&] { ++wakeups; });
  queue.push(event_of(EventType::resynced));
  queue.push(event_of(EventType::resynced));
  EXPECT_EQ(wakeups, 1);
  queue.pop(0ms);
  queue.pop(0ms);
  queue.push(event_of(EventType::resynced));
  EXPECT_EQ(wakeups, 2);
}

TEST(SdkEventQueue, SettingTheWakeUpAnnouncesEventsAlreadyWaiting) {
  parley::client::EventQueue queue;
  queue.push(event_of(EventType::resynced));
  int wakeups = 0;
  queue.set_wakeup([&] { ++wakeups; });
  EXPECT_EQ(wakeups, 1);
  queue.set_wakeup([&] { wakeups += 10; });  // still waiting: the new callback hears of it too
  EXPECT_EQ(wakeups, 11);
  queue.pop(0ms);
  queue.set_wakeup([&] { wakeups += 100; });  // nothing waiting: no call
  EXPECT_EQ(wakeups, 11);
}

TEST(SdkEventQueue, TheWakeUpMayDrainTheQueueAtOnce) {
  parley::client::EventQueue queue;
  std::vector<std::uint64_t> drained;
  queue.set_wakeup([&] {
    while (auto e = queue.pop(0ms)) drained.push_back(e->tag);
  });
  queue.push(event_of(EventType::resynced, 7));
  EXPECT_EQ(drained, (std::vector<std::uint64_t>{7}));
}

TEST(SdkEventQueue, APopWaitingOnAnotherThreadGetsThePushedEvent) {
  parley::client::EventQueue queue;
  std::thread producer([&] { queue.push(event_of(EventType::resynced, 9)); });
  const auto event = queue.pop(10s);
  producer.join();
  ASSERT_TRUE(event);
  EXPECT_EQ(event->tag, 9u);
}

parley::Article article(const std::string& id, const std::string& locale,
                        const std::string& title, const std::string& body) {
  return parley::Article{id, locale, "account", title, body, {}, 1};
}

TEST(SdkFaqLibrary, FindsEnglishAndKoreanArticles) {
  parley::client::FaqLibrary library;
  library.replace_all({article("en-pw", "en", "I forgot my password", "Tap Forgot password."),
                       article("ko-pw", "ko", "비밀번호를 잊어버렸어요", "비밀번호 찾기를 누르세요.")});
  const auto en = library.search("password", "", 10);
  ASSERT_FALSE(en.empty());
  EXPECT_EQ(en[0].article.id, "en-pw");
  const auto ko = library.search("비밀번호", "", 10);
  ASSERT_FALSE(ko.empty());
  EXPECT_EQ(ko[0].article.id, "ko-pw");
  EXPECT_EQ(ko[0].article.title, "비밀번호를 잊어버렸어요");
}

TEST(SdkFaqLibrary, ALocaleFallsBackToItsLanguage) {
  parley::client::FaqLibrary library;
  library.replace_all({article("en-pw", "en", "Password help", "password"),
                       article("ko-pw", "ko", "Password 도움말", "password")});
  const auto hits = library.search("password", "ko-KR", 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].article.id, "ko-pw");
  EXPECT_EQ(library.search("password", "EN", 10).at(0).article.id, "en-pw");
}

TEST(SdkFaqLibrary, RemovedArticlesAreNotFound) {
  parley::client::FaqLibrary library;
  library.upsert(article("a", "en", "Refunds", "money back"));
  library.remove("a");
  EXPECT_TRUE(library.search("refunds", "", 10).empty());
  EXPECT_EQ(library.size(), 0u);
}

bool has_header(const parley::transport::HttpCall& get, const std::string& header) {
  return std::find(get.headers.begin(), get.headers.end(), header) != get.headers.end();
}

TEST(SdkFaqFetch, AsksForTheDeltaWithTheTokenAndTheStoredETag) {
  using parley::client::faq_request;
  const auto first = faq_request("http://h/v1/faq", 0, "\"s-3\"", "tok", std::chrono::seconds(2));
  EXPECT_EQ(first.url, "http://h/v1/faq?since_version=0");
  EXPECT_TRUE(has_header(first, "Authorization: Bearer tok"));
  // Nothing stored: an ETag would only earn a 304 for articles the device does not have.
  EXPECT_EQ(std::count_if(first.headers.begin(), first.headers.end(),
                          [](const std::string& h) { return h.rfind("If-None-Match", 0) == 0; }),
            0);
  EXPECT_EQ(first.timeout, std::chrono::seconds(2));

  const auto next = faq_request("http://h/v1/faq?app=shop", 3, "\"s-3\"", "tok", std::chrono::seconds(2));
  EXPECT_EQ(next.url, "http://h/v1/faq?app=shop&since_version=3");
  EXPECT_TRUE(has_header(next, "If-None-Match: \"s-3\""));
}

TEST(SdkFaqFetch, AppliesAnAnswerAndKeepsItsETag) {
  parley::store::Store store("");
  parley::client::FaqLibrary library;
  parley::transport::HttpResult ok;
  ok.status = 200;
  ok.etag = "\"s-2\"";
  ok.body = R"({"articles":[{"id":"a","locale":"en","category":"c","title":"Refunds","body":"money back",)"
            R"("tags":[],"version":2}],"deleted":[],"version":2})";
  auto applied = parley::client::apply_faq_fetch(store, library, 0, ok);
  ASSERT_TRUE(std::holds_alternative<parley::Event>(applied));
  EXPECT_EQ(std::get<parley::Event>(applied).count, 1);
  EXPECT_EQ(store.meta().faq_version(), 2);
  EXPECT_EQ(store.meta().faq_etag(), "\"s-2\"");
  EXPECT_EQ(library.search("refunds", "", 10).size(), 1u);

  parley::transport::HttpResult unchanged;
  unchanged.status = 304;
  auto same = parley::client::apply_faq_fetch(store, library, 2, unchanged);
  ASSERT_TRUE(std::holds_alternative<parley::Event>(same));
  EXPECT_EQ(std::get<parley::Event>(same).count, 0);
  EXPECT_EQ(std::get<parley::Event>(same).version, 2);
  EXPECT_EQ(library.size(), 1u);
}

TEST(SdkFaqFetch, FailuresBecomeTypedErrorsAndChangeNothing) {
  parley::store::Store store("");
  parley::client::FaqLibrary library;
  auto error_of = [&](long status, std::string body) {
    parley::transport::HttpResult result;
    result.status = status;
    result.body = std::move(body);
    result.failure = status == 0 ? "Couldn't connect to server" : "";
    auto outcome = parley::client::apply_faq_fetch(store, library, 0, result);
    EXPECT_TRUE(std::holds_alternative<parley::Error>(outcome));
    return std::holds_alternative<parley::Error>(outcome) ? std::get<parley::Error>(outcome)
                                                          : parley::Error{};
  };
  using parley::ErrorCode;
  EXPECT_EQ(error_of(401, R"({"error":{"code":"token_expired","message":"expired"}})").code,
            ErrorCode::token_expired);
  EXPECT_EQ(error_of(403, "<html>proxy says no</html>").code, ErrorCode::forbidden);
  EXPECT_EQ(error_of(502, "").code, ErrorCode::unavailable);
  EXPECT_EQ(error_of(0, "").code, ErrorCode::disconnected);
  EXPECT_EQ(error_of(200, "{\"articles\":").code, ErrorCode::bad_request);
  EXPECT_EQ(error_of(200, R"({"articles":[{"id":7}],"deleted":[],"version":1})").code,
            ErrorCode::bad_request);
  EXPECT_EQ(store.meta().faq_version(), 0);
  EXPECT_EQ(library.size(), 0u);
}

}  // namespace
