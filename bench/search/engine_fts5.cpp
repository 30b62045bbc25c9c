#include <sqlite3.h>

#include <stdexcept>

#include "engine.hpp"
#include "search/tokenizer.hpp"
#include "sqlite/sqlite.hpp"

namespace parley::bench {
namespace {

// SQLite FTS5 as an app would embed it: title and body columns, bm25() with the same title
// boost as ours, query words OR-ed together (FTS5's default AND finds nothing for most
// natural-language questions).
class Fts5Engine final : public Engine {
 public:
  explicit Fts5Engine(std::string tokenizer) : tokenizer_(std::move(tokenizer)) {}
  std::string name() const override { return "fts5-" + tokenizer_; }

  void build(const std::vector<Article>& articles) override {
    db_ = std::make_unique<sqlite::Database>(":memory:");
    db_->exec("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='" +
              tokenizer_ + "')");
    sqlite::Transaction tx(*db_);
    auto insert = db_->prepare("INSERT INTO docs(id, title, body) VALUES (?, ?, ?)");
    for (const auto& a : articles) {
      insert.bind(1, a.id).bind(2, a.title).bind(3, a.body);
      insert.run();
      insert.reset();
    }
    tx.commit();
    query_ = std::make_unique<sqlite::Statement>(
        *db_, "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 2.5, 1.0) LIMIT ?");
  }

  std::vector<std::string> search(const std::string& query, std::size_t k) override {
    return run(match_expression(query, false), k);
  }
  std::vector<std::string> search_as_you_type(const std::string& query, std::size_t k) override {
    return run(match_expression(query, true), k);
  }

 private:
  // Words as FTS5 would see them, each quoted (so that no word is read as an operator).
  // The trigram tokenizer cannot match words shorter than three characters.
  std::string match_expression(const std::string& query, bool prefix_last) const {
    std::vector<std::string> words;
    std::string word;
    auto flush = [&] {
      if (!word.empty()) words.push_back(word);
      word.clear();
    };
    for (unsigned char c : query) {
      if (c >= 0x80 || std::isalnum(c)) word += static_cast<char>(c);
      else flush();
    }
    flush();
    std::string expr;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (tokenizer_ == "trigram" && utf8_length(words[i]) < 3) continue;
      if (!expr.empty()) expr += " OR ";
      expr += "\"" + words[i] + "\"";
      const bool last = i + 1 == words.size();
      if (prefix_last && last && tokenizer_ != "trigram") expr += "*";
    }
    return expr;
  }

  static std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }

  std::vector<std::string> run(const std::string& expr, std::size_t k) {
    std::vector<std::string> ids;
    if (expr.empty()) return ids;
    query_->clear();
    query_->bind(1, expr).bind(2, static_cast<std::int64_t>(k));
    while (query_->step()) ids.push_back(query_->column_text(0));
    return ids;
  }

  std::string tokenizer_;
  std::unique_ptr<sqlite::Database> db_;
  std::unique_ptr<sqlite::Statement> query_;
};

}  // namespace

std::unique_ptr<Engine> make_fts5_engine(const std::string& tokenizer) {
  return std::make_unique<Fts5Engine>(tokenizer);
}

}  // namespace parley::bench
