#pragma once
// FAQ articles and the catalogue version. Every load of the FAQ folder that changes something
// bumps the catalogue version once; the changed and the vanished articles get that version, so
// `faq.sync` can hand out "everything after version N", deletions included.
#include <cstdint>
#include <string>
#include <vector>

#include "sqlite/sqlite.hpp"

namespace parley::server {

struct ArticleContent {
  std::string id;
  std::string locale;
  std::string category;
  std::string title;
  std::string body;
  std::vector<std::string> tags;

  bool operator==(const ArticleContent&) const = default;
};

struct ArticleRow {
  ArticleContent content;
  std::int64_t version = 0;
  bool deleted = false;
};

struct CatalogueChanges {
  std::vector<ArticleRow> articles;  // live articles changed after the version asked for
  std::vector<std::string> deleted;  // ids deleted after it
  std::int64_t version = 0;          // the current catalogue version
};

class ArticleRepository {
 public:
  explicit ArticleRepository(sqlite::Database& db) : db_(db) {}

  std::int64_t catalogue_version();
  // Makes the stored catalogue match `articles` (the whole folder). Call inside a transaction.
  // Returns the new catalogue version, or 0 if nothing changed.
  std::int64_t replace_all(const std::vector<ArticleContent>& articles);
  std::vector<ArticleRow> live();
  bool is_live(const std::string& id);
  // Empty locale = every locale.
  CatalogueChanges changes_since(std::int64_t version, const std::string& locale);

 private:
  std::vector<ArticleRow> rows(const char* where_sql, std::int64_t version, const std::string& locale);
  sqlite::Database& db_;
};

}  // namespace parley::server
