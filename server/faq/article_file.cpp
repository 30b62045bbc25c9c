#include "faq/article_file.hpp"

#include "protocol/frame.hpp"
#include "protocol/utf8.hpp"

namespace parley::server {
namespace {

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Splits off the next line (without its terminator); false at the end of the text.
bool next_line(std::string_view& rest, std::string_view& line) {
  if (rest.empty()) return false;
  const auto nl = rest.find('\n');
  line = rest.substr(0, nl);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return true;
}

std::vector<std::string> split_tags(std::string_view list) {
  std::vector<std::string> tags;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto tag = trim(list.substr(0, comma));
    if (!tag.empty()) tags.emplace_back(tag);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return tags;
}

}  // namespace

std::variant<ArticleContent, std::string> parse_article_file(std::string_view text,
                                                             const ArticlePlace& place) {
  if (!protocol::is_valid_utf8(text)) return std::string("is not valid UTF-8");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a BOM some editors add

  std::string_view rest = text;
  std::string_view line;
  if (!next_line(rest, line) || trim(line) != "---") {
    return std::string("does not start with a \"---\" front matter line");
  }

  ArticleContent article;
  article.locale = place.locale;
  article.category = place.category;
  bool closed = false;
  while (next_line(rest, line)) {
    if (trim(line) == "---") {
      closed = true;
      break;
    }
    if (trim(line).empty()) continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) {
      return "has a front matter line without \"key:\": \"" + std::string(line) + "\"";
    }
    const auto key = trim(line.substr(0, colon));
    const auto value = trim(line.substr(colon + 1));
    if (key == "id") {
      article.id = std::string(value);
    } else if (key == "title") {
      article.title = std::string(value);
    } else if (key == "tags") {
      article.tags = split_tags(value);
    }  // other keys are ignored, so that authors can keep notes for other tools
  }
  if (!closed) return std::string("has no closing \"---\" front matter line");
  if (article.title.empty()) return std::string("has no title");
  if (article.id.empty()) article.id = place.locale + "-" + place.slug;
  if (!protocol::is_valid_id(article.id)) {
    return "has an id that is not 1-64 of [A-Za-z0-9_.:-]: \"" + article.id + "\"";
  }
  article.body = std::string(trim(rest));
  return article;
}

}  // namespace parley::server
