#include "faq/catalogue.hpp"

#include "faq/locale.hpp"

namespace parley::server {

void Catalogue::rebuild(std::vector<ArticleRow> live_articles) {
  articles_.clear();
  locales_.clear();
  index_.clear();
  for (auto& row : live_articles) {
    const auto& c = row.content;
    index_.upsert(search::Document{c.id, c.locale, c.category, c.title, c.body, c.tags});
    locales_.insert(c.locale);
    std::string id = c.id;
    articles_.insert_or_assign(std::move(id), std::move(row));
  }
  index_.shrink_to_fit();
}

std::string Catalogue::resolve_locale(std::string_view requested) const {
  const std::string wanted = normalize_locale(requested);
  if (wanted.empty() || locales_.count(wanted) != 0) return wanted;
  const std::string language = wanted.substr(0, wanted.find_first_of("-_"));
  if (locales_.count(language) != 0) return language;
  return wanted;
}

std::vector<CatalogueHit> Catalogue::search(const std::string& text, std::string_view locale,
                                            std::size_t limit) const {
  search::Query query;
  query.text = text;
  query.locale = resolve_locale(locale);
  query.limit = limit;
  return run(query);
}

std::vector<CatalogueHit> Catalogue::suggest(const std::string& text, std::string_view locale,
                                             std::size_t limit) const {
  return run(search::suggestion_query(text, resolve_locale(locale), limit));
}

std::vector<CatalogueHit> Catalogue::run(const search::Query& query) const {
  std::vector<CatalogueHit> hits;
  for (auto& hit : index_.search(query)) {
    auto it = articles_.find(hit.id);
    if (it == articles_.end()) continue;  // cannot happen: the index holds exactly articles_
    hits.push_back(CatalogueHit{&it->second, hit.score, std::move(hit.snippet)});
  }
  return hits;
}

}  // namespace parley::server
