#pragma once
// The FAQ articles synced to the device, for offline reading and search.
#include <string>
#include <vector>

#include "parley/types.hpp"
#include "sqlite/sqlite.hpp"

namespace parley::store {

class ArticleCache {
 public:
  explicit ArticleCache(sqlite::Database& db) : db_(db) {}

  void store(const Article& article);  // adds, or replaces the one with the same id
  void remove(const std::string& id);
  void clear();
  std::vector<Article> all();

 private:
  sqlite::Database& db_;
};

}  // namespace parley::store
