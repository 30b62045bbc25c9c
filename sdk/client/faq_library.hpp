#pragma once
// The FAQ on the device: the synced articles and the search index over them, so that search
// works offline and ranks as the server's does (one engine, sdk/search). Owned by the
// client's thread.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "parley/types.hpp"
#include "search/index.hpp"

namespace parley::client {

class FaqLibrary {
 public:
  void replace_all(const std::vector<Article>& articles);
  void upsert(const Article& article);
  void remove(const std::string& id);
  std::size_t size() const noexcept { return articles_.size(); }

  // As the server does: the locale filter is compared in lowercase, and falls back to its
  // language ("ko-KR" → "ko") when no article has the full tag. Empty = every locale.
  std::vector<SearchHit> search(std::string_view query, std::string_view locale,
                                std::size_t limit) const;
  // Articles that may answer what the user is writing (search::suggestion_query).
  std::vector<SearchHit> suggest(std::string_view text, std::string_view locale,
                                 std::size_t limit) const;

 private:
  std::string resolve_locale(std::string_view requested) const;
  std::vector<SearchHit> run(const search::Query& query) const;

  std::map<std::string, Article, std::less<>> articles_;
  search::Index index_;
};

}  // namespace parley::client
