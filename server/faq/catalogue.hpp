#pragma once
// The live FAQ articles in memory, with the search index over them. Owned by the server loop.
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "search/index.hpp"
#include "storage/articles.hpp"

namespace parley::server {

struct CatalogueHit {
  const ArticleRow* article = nullptr;
  double score = 0;
  std::string snippet;
};

class Catalogue {
 public:
  void rebuild(std::vector<ArticleRow> live_articles);

  // A client's locale ("ko-KR", "EN") as one of the catalogue's locales: an exact match
  // (ignoring case), else the language part ("ko"); else the input lowercased, which matches
  // nothing. Empty stays empty (= every locale).
  std::string resolve_locale(std::string_view requested) const;

  // Empty locale = every locale; the locale is resolved first.
  std::vector<CatalogueHit> search(const std::string& text, std::string_view locale,
                                   std::size_t limit) const;
  // Only articles that answer a fair share of `text` (search::suggestion_query): what the bot
  // replies with.
  std::vector<CatalogueHit> suggest(const std::string& text, std::string_view locale,
                                    std::size_t limit) const;
  std::size_t size() const noexcept { return articles_.size(); }

 private:
  std::vector<CatalogueHit> run(const search::Query& query) const;

  std::map<std::string, ArticleRow, std::less<>> articles_;
  std::set<std::string, std::less<>> locales_;  // normalized (articles are stored so)
  search::Index index_;
};

}  // namespace parley::server
