// parley-server: parsing FAQ article files and reading a FAQ folder.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "faq/article_file.hpp"
#include "faq/faq_folder.hpp"

namespace parley::server {
namespace {

const ArticlePlace kPlace{"en", "billing", "refund"};

ArticleContent parsed(std::string_view text) {
  auto result = parse_article_file(text, kPlace);
  if (auto* why = std::get_if<std::string>(&result)) ADD_FAILURE() << *why;
  return std::holds_alternative<ArticleContent>(result) ? std::get<ArticleContent>(result)
                                                        : ArticleContent{};
}

std::string problem(std::string_view text) {
  auto result = parse_article_file(text, kPlace);
  EXPECT_TRUE(std::holds_alternative<std::string>(result));
  return std::holds_alternative<std::string>(result) ? std::get<std::string>(result) : "";
}

TEST(ArticleFile, ReadsFrontMatterAndBody) {
  const auto a = parsed(
      "---\nid: refund-policy\ntitle: How do I get a refund?\ntags: refund, billing , money back\n"
      "---\nBody line 1\n\nBody line 2\n");
  EXPECT_EQ(a.id, "refund-policy");
  EXPECT_EQ(a.locale, "en");
  EXPECT_EQ(a.category, "billing");
  EXPECT_EQ(a.title, "How do I get a refund?");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"refund", "billing", "money back"}));
  EXPECT_EQ(a.body, "Body line 1\n\nBody line 2");
}

TEST(ArticleFile, IdDefaultsToLocaleAndSlugAndCrlfIsFine) {
  const auto a = parsed("\xEF\xBB\xBF---\r\ntitle: T: with colon\r\nnote: ignored\r\n---\r\nB\r\n");
  EXPECT_EQ(a.id, "en-refund");
  EXPECT_EQ(a.title, "T: with colon");
  EXPECT_TRUE(a.tags.empty());
  EXPECT_EQ(a.body, "B");
}

TEST(ArticleFile, ProblemsAreNamed) {
  EXPECT_NE(problem("title: x\n---\nbody").find("front matter"), std::string::npos);
  EXPECT_NE(problem("---\ntitle: x\n").find("closing"), std::string::npos);
  EXPECT_NE(problem("---\ntags: a\n---\nbody").find("title"), std::string::npos);
  EXPECT_NE(problem("---\ntitle: x\njust words\n---\n").find("key:"), std::string::npos);
  EXPECT_NE(problem("---\nid: has space\ntitle: x\n---\n").find("id"), std::string::npos);
  EXPECT_NE(problem("---\ntitle: \xFF\n---\n").find("UTF-8"), std::string::npos);
}

TEST(FaqFolder, LoadsValidFilesAndReportsTheRest) {
  namespace fs = std::filesystem;
  std::string pattern = (fs::temp_directory_path() / "parley-faq-unit-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  const auto write = [&](const std::string& rel, const std::string& text) {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel) << text;
  };
  write("EN/billing/refund.md", "---\ntitle: Refunds\n---\nMoney back.");
  write("ko/billing/refund.md", "---\ntitle: 환불\n---\n돈.");
  write("ko/billing/dup.md", "---\nid: ko-refund\ntitle: again\n---\n");
  write("en/broken.md", "---\ntitle: too shallow\n---\n");
  write("en/billing/bad.md", "no front matter");
  write("en/billing/notes.txt", "ignored: not .md");

  const FaqFolder folder = load_faq_folder(dir.string());
  ASSERT_EQ(folder.articles.size(), 2u);
  EXPECT_EQ(folder.articles[0].id, "en-refund");  // locale folder names are lowercased
  EXPECT_EQ(folder.articles[0].locale, "en");
  EXPECT_EQ(folder.articles[1].id, "ko-refund");
  EXPECT_EQ(folder.problems.size(), 3u);
  fs::remove_all(dir);

  EXPECT_THROW(load_faq_folder((dir / "missing").string()), std::runtime_error);
}

}  // namespace
}  // namespace parley::server
