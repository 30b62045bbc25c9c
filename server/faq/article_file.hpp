#pragma once
// One FAQ article file: front matter between "---" lines, then the Markdown body.
//
//   ---
//   id: refund-policy                      (optional; default "<locale>-<slug>")
//   title: How do I get a refund?          (required)
//   tags: refund, billing, money back      (optional, comma-separated)
//   ---
//   Markdown body …
#include <string>
#include <string_view>
#include <variant>

#include "storage/articles.hpp"

namespace parley::server {

struct ArticlePlace {  // where the file sits: <dir>/<locale>/<category>/<slug>.md
  std::string locale;
  std::string category;
  std::string slug;
};

// The article, or a sentence saying what is wrong with the file.
std::variant<ArticleContent, std::string> parse_article_file(std::string_view text,
                                                             const ArticlePlace& place);

}  // namespace parley::server
