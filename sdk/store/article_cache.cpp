#include "store/article_cache.hpp"

#include <nlohmann/json.hpp>

namespace parley::store {

void ArticleCache::store(const Article& a) {
  db_.prepare("INSERT OR REPLACE INTO articles (id, locale, category, title, body, tags, version) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, a.id)
      .bind(2, a.locale)
      .bind(3, a.category)
      .bind(4, a.title)
      .bind(5, a.body)
      .bind(6, nlohmann::json(a.tags).dump())
      .bind(7, a.version)
      .run();
}

void ArticleCache::remove(const std::string& id) {
  db_.prepare("DELETE FROM articles WHERE id = ?").bind(1, id).run();
}

void ArticleCache::clear() { db_.exec("DELETE FROM articles"); }

std::vector<Article> ArticleCache::all() {
  auto st = db_.prepare(
      "SELECT id, locale, category, title, body, tags, version FROM articles ORDER BY id");
  std::vector<Article> out;
  while (st.step()) {
    Article a{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3),
              st.column_text(4), {}, st.column_int(6)};
    // Written by store() above; a damaged value loses the tags, not the article.
    const auto tags = nlohmann::json::parse(st.column_text(5), nullptr, false);
    if (tags.is_array()) {
      for (const auto& tag : tags) {
        if (tag.is_string()) a.tags.push_back(tag.get<std::string>());
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace parley::store
