#pragma once
// Reads a FAQ folder laid out as <dir>/<locale>/<category>/<slug>.md.
#include <string>
#include <vector>

#include "storage/articles.hpp"

namespace parley::server {

struct FaqFolder {
  std::vector<ArticleContent> articles;  // sorted by path, ids unique
  std::vector<std::string> problems;     // one sentence per file that was skipped, with its path
};

// Throws std::runtime_error if `dir` is not a readable directory. Files that cannot be used
// (bad front matter, invalid UTF-8, duplicate id, wrong depth) are skipped and reported in
// `problems`, so that one broken file does not take the help center down.
FaqFolder load_faq_folder(const std::string& dir);

}  // namespace parley::server
