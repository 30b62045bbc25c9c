#pragma once
// Brings the stored catalogue in line with the FAQ folder, in one transaction: changed and
// new articles and deletions get a new catalogue version, and every principal gets a
// `faq.changed` event so that clients know to call faq.sync.
#include <cstdint>
#include <string>
#include <vector>

#include "sqlite/sqlite.hpp"

namespace parley::server {

struct FaqImport {
  std::int64_t version = 0;           // the catalogue version after the import
  bool changed = false;
  std::size_t articles = 0;           // live articles in the folder
  std::vector<std::string> problems;  // files skipped, one sentence each
};

FaqImport import_faq_folder(sqlite::Database& db, const std::string& dir);

}  // namespace parley::server
