#include "storage/articles.hpp"

#include <map>

#include <nlohmann/json.hpp>

namespace parley::server {
namespace {

constexpr const char* kColumns = "id, locale, category, title, body, tags, version, deleted";

ArticleRow article_from(const sqlite::Statement& st) {
  ArticleRow row;
  row.content.id = st.column_text(0);
  row.content.locale = st.column_text(1);
  row.content.category = st.column_text(2);
  row.content.title = st.column_text(3);
  row.content.body = st.column_text(4);
  row.content.tags = nlohmann::json::parse(st.column_text(5)).get<std::vector<std::string>>();
  row.version = st.column_int(6);
  row.deleted = st.column_int(7) != 0;
  return row;
}

}  // namespace

std::int64_t ArticleRepository::catalogue_version() {
  auto st = db_.prepare("SELECT version FROM catalogue WHERE singleton = 1");
  return st.step() ? st.column_int(0) : 0;
}

std::vector<ArticleRow> ArticleRepository::rows(const char* where_sql, std::int64_t version,
                                                const std::string& locale) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM articles WHERE " + where_sql +
                        " AND version > ?1 AND (?2 = '' OR locale = ?2) ORDER BY id");
  st.bind(1, version).bind(2, locale);
  std::vector<ArticleRow> out;
  while (st.step()) out.push_back(article_from(st));
  return out;
}

std::vector<ArticleRow> ArticleRepository::live() { return rows("deleted = 0", 0, ""); }

bool ArticleRepository::is_live(const std::string& id) {
  auto st = db_.prepare("SELECT 1 FROM articles WHERE id = ? AND deleted = 0");
  st.bind(1, id);
  return st.step();
}

CatalogueChanges ArticleRepository::changes_since(std::int64_t version, const std::string& locale) {
  CatalogueChanges changes;
  changes.version = catalogue_version();
  changes.articles = rows("deleted = 0", version, locale);
  for (auto& row : rows("deleted = 1", version, locale)) {
    changes.deleted.push_back(std::move(row.content.id));
  }
  return changes;
}

std::int64_t ArticleRepository::replace_all(const std::vector<ArticleContent>& articles) {
  std::map<std::string, ArticleRow> stored;
  for (auto& row : rows("1 = 1", 0, "")) stored.emplace(row.content.id, std::move(row));

  const std::int64_t next = catalogue_version() + 1;
  bool changed = false;
  auto upsert = db_.prepare(
      "INSERT INTO articles (id, locale, category, title, body, tags, version, deleted) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO UPDATE SET locale = excluded.locale, "
      "category = excluded.category, title = excluded.title, body = excluded.body, "
      "tags = excluded.tags, version = excluded.version, deleted = 0");
  for (const auto& article : articles) {
    auto it = stored.find(article.id);
    const bool same = it != stored.end() && !it->second.deleted && it->second.content == article;
    if (it != stored.end()) stored.erase(it);
    if (same) continue;
    upsert.reset();
    upsert.bind(1, article.id)
        .bind(2, article.locale)
        .bind(3, article.category)
        .bind(4, article.title)
        .bind(5, article.body)
        .bind(6, nlohmann::json(article.tags).dump())
        .bind(7, next);
    upsert.run();
    changed = true;
  }

  // What is left in `stored` is no longer in the folder.
  auto remove = db_.prepare("UPDATE articles SET deleted = 1, version = ? WHERE id = ?");
  for (const auto& [id, row] : stored) {
    if (row.deleted) continue;
    remove.reset();
    remove.bind(1, next).bind(2, id);
    remove.run();
    changed = true;
  }

  if (!changed) return 0;
  auto bump = db_.prepare("UPDATE catalogue SET version = ? WHERE singleton = 1");
  bump.bind(1, next);
  bump.run();
  return next;
}

}  // namespace parley::server
