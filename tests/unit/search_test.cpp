// The FAQ search engine (sdk/search): tokenizer, ranking, prefix, typos, filters, snippets.
#include <gtest/gtest.h>

#include "search/edit_distance.hpp"
#include "search/index.hpp"
#include "search/posting_list.hpp"
#include "search/term_table.hpp"
#include "search/snippet.hpp"
#include "search/tokenizer.hpp"

namespace ps = parley::search;

namespace {
std::vector<std::string> terms(std::string_view text) {
  std::vector<std::string> out;
  for (auto& t : ps::tokenize(text)) out.push_back(t.term);
  return out;
}

std::vector<std::string> ids(const std::vector<ps::Hit>& hits) {
  std::vector<std::string> out;
  for (auto& h : hits) out.push_back(h.id);
  return out;
}

ps::Index sample_index() {
  ps::Index ix;
  ix.upsert({"refund", "en", "billing", "How do I get a refund?",
             "Refunds are issued to the original payment method within 5 business days.", {"money back"}});
  ix.upsert({"password", "en", "account", "Resetting your password",
             "Open Settings, choose Account, then Reset password. A link is emailed to you.", {}});
  ix.upsert({"shipping", "en", "orders", "Shipping times",
             "Orders ship within two days. International delivery takes longer.", {"delivery"}});
  ix.upsert({"ko-refund", "ko", "billing", "환불은 어떻게 받나요?",
             "환불은 결제하신 수단으로 영업일 기준 5일 이내에 처리됩니다.", {"환불", "결제"}});
  ix.upsert({"ko-password", "ko", "account", "비밀번호를 잊어버렸어요",
             "설정에서 계정을 선택한 뒤 비밀번호 재설정을 누르세요.", {}});
  return ix;
}
}  // namespace

TEST(Tokenizer, NormalisesCaseWidthAndAccents) {
  EXPECT_EQ(terms("Café RÉSUMÉ"), (std::vector<std::string>{"cafe", "resume"}));
  EXPECT_EQ(terms("ＡＢＣ１２３"), (std::vector<std::string>{"abc123"}));  // full-width → NFKC
}

TEST(Tokenizer, AsciiAndHangulFastPathsAgreeWithFullNormalisation) {
  // Plain ASCII and precomposed Hangul skip utf8proc; text around them does not.
  EXPECT_EQ(terms("MiXeD Case 42, e-mail_address"),
            (std::vector<std::string>{"mixed", "case", "42", "e", "mail", "address"}));
  EXPECT_EQ(terms("MIXED naïve"), terms("ｍｉｘｅｄ NAÏVE"));
  EXPECT_EQ(terms("환불 ABC"), terms("환불 ＡＢＣ"));
  EXPECT_EQ(terms("ＡＢＣ환불"), (std::vector<std::string>{"abc", "환불"}));
}

TEST(Tokenizer, StemsPluralsLightly) {
  EXPECT_EQ(terms("refunds policies"), (std::vector<std::string>{"refund", "policy"}));
  EXPECT_EQ(terms("address bus"), (std::vector<std::string>{"address", "bus"}));
}

TEST(Tokenizer, HangulGivesWholeRunAndBigrams) {
  EXPECT_EQ(terms("환불은"), (std::vector<std::string>{"환불은", "환불", "불은"}));
  EXPECT_EQ(terms("환불"), (std::vector<std::string>{"환불"}));
}

TEST(Tokenizer, RecordsByteOffsetsOfTheOriginal) {
  auto toks = ps::tokenize("Hi, 환불!");
  ASSERT_EQ(toks.size(), 2u);
  EXPECT_EQ(toks[1].begin, 4u);
  EXPECT_EQ(toks[1].end, 10u);
}

TEST(Tokenizer, InvalidUtf8IsASeparator) {
  EXPECT_EQ(terms("ab\xFF" "cd"), (std::vector<std::string>{"ab", "cd"}));
}

TEST(EditDistance, CountsTranspositionsAsOne) {
  EXPECT_EQ(ps::bounded_edit_distance("refund", "refnud", 2), 1u);
  EXPECT_EQ(ps::bounded_edit_distance("refund", "refun", 2), 1u);
  EXPECT_EQ(ps::bounded_edit_distance("refund", "shipping", 2), 3u);  // gave up past 2
}

TEST(Index, RanksTheTitleMatchFirst) {
  auto ix = sample_index();
  auto hits = ix.search({"refund", "", "", 10, false});
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "refund");
}

TEST(Index, KoreanMatchesThroughParticles) {
  auto ix = sample_index();
  // "환불이" (with a different particle) must find the article titled "환불은 …".
  auto hits = ix.search({"환불이 안 돼요", "", "", 10, false});
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "ko-refund");
  hits = ix.search({"비밀번호재설정", "", "", 10, false});  // no spaces
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "ko-password");
}

TEST(Index, LastTermMatchesAsPrefixWhileTyping) {
  auto ix = sample_index();
  EXPECT_TRUE(ix.search({"passw", "", "", 10, false}).empty());
  auto hits = ix.search({"passw", "", "", 10, true});
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "password");
  // A trailing space means the word is finished: no prefix expansion.
  EXPECT_TRUE(ix.search({"passw ", "", "", 10, true}).empty());
}

TEST(Index, ToleratesATypoInALongWord) {
  auto ix = sample_index();
  auto hits = ix.search({"pasword", "", "", 10, false});
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits[0].id, "password");
}

TEST(Index, FiltersByLocaleAndCategory) {
  auto ix = sample_index();
  for (const auto& hit : ix.search({"password 비밀번호", "ko", "", 10, false})) {
    EXPECT_EQ(hit.id.rfind("ko-", 0), 0u) << hit.id;
  }
  EXPECT_EQ(ids(ix.search({"refund", "", "account", 10, false})), std::vector<std::string>{});
}

TEST(Index, UpdatesAndRemovesDocuments) {
  auto ix = sample_index();
  ix.upsert({"shipping", "en", "orders", "Delivery windows", "We deliver on weekdays.", {}});
  EXPECT_EQ(ix.size(), 5u);
  EXPECT_TRUE(ix.search({"international", "", "", 10, false}).empty());
  ix.remove("refund");
  EXPECT_EQ(ix.size(), 4u);
  for (const auto& hit : ix.search({"refund", "en", "", 10, false})) EXPECT_NE(hit.id, "refund");
  ix.remove("no-such-id");
  EXPECT_EQ(ix.size(), 4u);
}

TEST(Index, SnippetHighlightsMatches) {
  auto ix = sample_index();
  auto hits = ix.search({"payment method", "", "", 1, false});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].snippet.find("«payment»"), std::string::npos) << hits[0].snippet;
  EXPECT_NE(hits[0].snippet.find("«method»"), std::string::npos) << hits[0].snippet;
}

TEST(Index, HitsWithoutSnippetsRankTheSame) {
  auto ix = sample_index();
  ps::Query with{"payment refund", "", "", 10, false};
  ps::Query without = with;
  without.snippets = false;
  const auto a = ix.search(with);
  const auto b = ix.search(without);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(ids(a), ids(b));
  for (std::size_t i = 0; i < b.size(); ++i) {
    EXPECT_EQ(a[i].score, b[i].score);
    EXPECT_FALSE(a[i].snippet.empty());
    EXPECT_TRUE(b[i].snippet.empty());
  }
}

TEST(Index, SnippetsLookForMatchesInTheTextsFirstKilobytesOnly) {
  ps::Index ix;
  std::string filler;
  while (filler.size() < 2 * ps::kSnippetScanBytes) filler += "lorem ipsum dolor sit amet ";
  ix.upsert({"early", "en", "", "Early", "the warranty covers it. " + filler, {}});
  ix.upsert({"late", "en", "", "Late", filler + "the warranty covers it.", {}});
  for (const auto& hit : ix.search({"warranty", "", "", 10, false})) {
    if (hit.id == "early") {
      EXPECT_NE(hit.snippet.find("«warranty»"), std::string::npos) << hit.snippet;
    } else {  // found by the index, but its snippet is the text's start
      EXPECT_EQ(hit.snippet.find("«"), std::string::npos) << hit.snippet;
      EXPECT_EQ(hit.snippet.rfind("lorem ipsum", 0), 0u) << hit.snippet;
    }
  }
  EXPECT_EQ(ix.search({"warranty", "", "", 10, false}).size(), 2u);
}

TEST(Index, TheTopKIsTheSameAsRankingEveryMatch) {
  // Common words in every document, rarer ones in some: the search stops scanning common
  // words' postings once they cannot change the top k. Asking for every match ranks them all
  // (no such shortcut), so the first k of that must be exactly the top k.
  const std::vector<std::string> words{"the", "a", "to", "how", "refund", "card", "password",
                                       "reset", "order", "ship", "delay", "email", "login", "app"};
  ps::Index ix;
  std::uint32_t state = 12345;
  auto next = [&] { return state = state * 1103515245u + 12345u, (state >> 16) % 1000u; };
  for (int d = 0; d < 3000; ++d) {
    std::string title = "the how", body = "a to the";
    for (int w = 0; w < 12; ++w) {
      const auto r = next();  // roughly Zipf: low indexes far more often
      (w < 3 ? title : body) += " " + words[std::min<std::size_t>(words.size() - 1, r * r / 80000)];
    }
    ix.upsert({"d" + std::to_string(d), d % 3 ? "en" : "ko", "", title, body, {}});
  }
  for (const char* text : {"how to reset the password", "the refund card", "a", "login email app",
                           "order delay the a to", "passw", "how to rese"}) {
    for (const bool prefix : {false, true}) {
      for (const char* locale : {"", "en"}) {
        ps::Query top{text, locale, "", 10, prefix, false};
        ps::Query all = top;
        all.limit = 100000;
        const auto a = ix.search(top);
        const auto b = ix.search(all);
        ASSERT_LE(a.size(), b.size()) << text;
        for (std::size_t i = 0; i < a.size(); ++i) {
          EXPECT_EQ(a[i].id, b[i].id) << text << " #" << i;
          EXPECT_EQ(a[i].score, b[i].score) << text << " #" << i;
        }
        EXPECT_EQ(a.size(), std::min<std::size_t>(10, b.size())) << text;
      }
    }
  }
}

TEST(Index, ManyRemovalsCompactWithoutLosingLiveDocuments) {
  ps::Index ix;
  for (int i = 0; i < 200; ++i) {
    ix.upsert({"d" + std::to_string(i), "en", "", "title " + std::to_string(i), "common body", {}});
  }
  for (int i = 0; i < 190; ++i) ix.remove("d" + std::to_string(i));
  EXPECT_EQ(ix.size(), 10u);
  EXPECT_EQ(ix.search({"common", "", "", 50, false}).size(), 10u);
  EXPECT_EQ(ix.search({"195", "", "", 5, false}).at(0).id, "d195");
}

TEST(Index, AHitsShareSaysHowMuchOfTheQueryItAnswers) {
  ps::Index index;
  index.upsert({"refund", "en", "", "How do I get a refund?", "Open Orders and tap Request refund.", {"refund"}});
  index.upsert({"password", "en", "", "I forgot my password", "Tap Forgot password on the sign-in screen.", {}});
  index.upsert({"shipping", "en", "", "Where is my parcel?", "Track the parcel from Orders.", {}});

  ps::Query all;
  all.text = "refund";
  const auto whole = index.search(all);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_GT(whole[0].share, 0.5);
  EXPECT_LE(whole[0].share, 1.0);

  // Words no article has make the text less answered; English function words do not.
  all.text = "refund zipper jacket colour";
  EXPECT_LT(index.search(all).at(0).share, whole[0].share / 2);
  all.text = "could you refund me";
  EXPECT_NEAR(index.search(all).at(0).share, whole[0].share, 0.05);

  // The bar drops the weak hits and keeps the ranking of the rest.
  auto bar = ps::suggestion_query("refund zipper jacket colour", "", 3);
  EXPECT_TRUE(index.search(bar).empty());
  bar = ps::suggestion_query("I would like a refund for my order", "", 3);
  const auto kept = index.search(bar);
  ASSERT_FALSE(kept.empty());
  EXPECT_EQ(kept[0].id, "refund");
  for (const auto& hit : kept) EXPECT_GE(hit.share, ps::kSuggestMinShare);
  EXPECT_EQ(bar.limit, 3u);
}

TEST(PostingList, RoundTripsGapsAndFrequenciesOfEverySize) {
  ps::PostingList list;
  std::vector<ps::Posting> written;
  std::uint32_t doc = 0;
  for (std::uint32_t i = 0; i < 3000; ++i) {
    doc += i % 7 == 0 ? 1 : 1 + (i * 2654435761u) % 200000;  // small and large gaps
    const std::uint16_t body = static_cast<std::uint16_t>(i % 5 == 0 ? 60000 : i % 17);
    written.push_back({doc, {static_cast<std::uint16_t>(i % 4), static_cast<std::uint16_t>(i % 3 == 0 ? 300 : 1), body}});
    list.append(written.back());
  }
  EXPECT_EQ(list.size(), written.size());
  ps::Posting p;
  std::size_t n = 0;
  for (auto reader = list.reader(); reader.next(p); ++n) {
    ASSERT_LT(n, written.size());
    EXPECT_EQ(p.doc, written[n].doc) << n;
    EXPECT_EQ(p.tf, written[n].tf) << n;
  }
  EXPECT_EQ(n, written.size());

  // A moved list keeps its postings (inline or not) and leaves an empty one.
  ps::PostingList small;
  small.append({0, {1, 0, 2}});
  small.append({5, {0, 0, 1}});
  ps::PostingList moved_small(std::move(small));
  ps::PostingList moved_big;
  moved_big = std::move(list);
  EXPECT_EQ(moved_small.size(), 2u);
  EXPECT_EQ(moved_big.size(), written.size());
  EXPECT_EQ(list.size(), 0u);  // NOLINT(bugprone-use-after-move): the moved-from state is specified
  EXPECT_FALSE(list.reader().next(p));
  auto reader = moved_small.reader();
  ASSERT_TRUE(reader.next(p));
  EXPECT_EQ(p.doc, 0u);
  ASSERT_TRUE(reader.next(p));
  EXPECT_EQ(p.doc, 5u);
  EXPECT_EQ(p.tf, (std::array<std::uint16_t, 3>{0, 0, 1}));
  EXPECT_FALSE(reader.next(p));
  EXPECT_LE(moved_small.bytes(), 16u);  // two postings fit without an allocation
}

TEST(TermTable, GivesEachTermOneIdAndFindsItAgain) {
  ps::TermTable table;
  std::vector<std::string> terms;
  for (int i = 0; i < 5000; ++i) terms.push_back("term" + std::to_string(i * 7919));
  terms.push_back("환불");
  terms.push_back("");
  for (std::size_t i = 0; i < terms.size(); ++i) EXPECT_EQ(table.intern(terms[i]), i);
  EXPECT_EQ(table.size(), terms.size());
  for (std::size_t i = 0; i < terms.size(); ++i) {
    EXPECT_EQ(table.intern(terms[i]), i);  // known: the same id, nothing added
    EXPECT_EQ(table.find(terms[i]), std::optional<std::uint32_t>(static_cast<std::uint32_t>(i)));
    EXPECT_EQ(table.text(static_cast<std::uint32_t>(i)), terms[i]);
  }
  EXPECT_EQ(table.size(), terms.size());
  EXPECT_FALSE(table.find("term1").has_value());
  table.clear();
  EXPECT_EQ(table.size(), 0u);
  EXPECT_FALSE(table.find("환불").has_value());
  EXPECT_EQ(table.intern("환불"), 0u);
}

TEST(PostingList, SeekJumpsToEachTargetInOrder) {
  ps::PostingList list;
  for (std::uint32_t doc = 0; doc < 100000; doc += 3) list.append({doc, {0, 0, static_cast<std::uint16_t>(doc % 9 + 1)}});
  auto reader = list.reader();
  ps::Posting p;
  for (std::uint32_t target : {0u, 1u, 3u, 3u, 4u, 1000u, 1001u, 50001u, 99999u}) {
    ASSERT_TRUE(reader.seek(target, p)) << target;
    const std::uint32_t expected = (target + 2) / 3 * 3;  // the next multiple of 3
    EXPECT_EQ(p.doc, expected) << target;
    EXPECT_EQ(p.tf[2], expected % 9 + 1) << target;
  }
  EXPECT_FALSE(reader.seek(100000, p));
}

TEST(Index, SnippetsStayRightAsTheCatalogueChangesUnderThem) {
  // Snippet tokens are kept for the next keystroke; a changed or removed article must not
  // show the old text.
  ps::Index index;
  index.upsert({"a", "en", "", "Refunds", "Refunds take five days to reach your card.", {}});
  index.upsert({"b", "en", "", "Parcels", "Parcels ship in two days.", {}});
  ps::Query q;
  q.text = "days";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(index.search(q).size(), 2u);
  index.upsert({"a", "en", "", "Refunds", "Refunds now take three days, by bank transfer.", {}});
  auto snippet_of = [](const std::vector<ps::Hit>& hits, const std::string& id) {
    for (const auto& hit : hits) {
      if (hit.id == id) return hit.snippet;
    }
    return std::string("(no hit)");
  };
  const auto hits = index.search(q);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_NE(snippet_of(hits, "a").find("bank transfer"), std::string::npos) << snippet_of(hits, "a");
  EXPECT_NE(snippet_of(hits, "b").find("«days»"), std::string::npos) << snippet_of(hits, "b");
  for (int i = 0; i < 100; ++i) index.upsert({"x" + std::to_string(i), "en", "", "Filler", "days filler " + std::to_string(i), {}});
  for (int i = 0; i < 100; ++i) index.remove("x" + std::to_string(i));  // compacts: slots renumbered
  const auto after = index.search(q);
  ASSERT_EQ(after.size(), 2u);
  EXPECT_NE(snippet_of(after, "a").find("bank transfer"), std::string::npos) << snippet_of(after, "a");
  EXPECT_NE(snippet_of(after, "b").find("ship in two «days»"), std::string::npos) << snippet_of(after, "b");
}
