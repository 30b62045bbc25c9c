#include "bot/faq_bot.hpp"

namespace parley::server {
namespace {

// The search engine marks matches with « and »; a chat message is plain text.
std::string without_highlights(const std::string& snippet) {
  std::string out;
  out.reserve(snippet.size());
  for (std::size_t i = 0; i < snippet.size();) {
    const std::string_view rest(snippet.data() + i, snippet.size() - i);
    if (rest.substr(0, 2) == "\xC2\xAB" || rest.substr(0, 2) == "\xC2\xBB") {
      i += 2;
      continue;
    }
    out += snippet[i++];
  }
  return out;
}

}  // namespace

std::string FaqBot::answer(const std::string& question, std::string_view locale) const {
  const auto hits = catalogue_.suggest(question, locale, 1);
  if (hits.empty()) return kNoAnswer;
  const auto& best = hits.front();
  std::string text = best.article->content.title;
  const std::string snippet = without_highlights(best.snippet);
  if (!snippet.empty() && snippet != best.article->content.title) text += "\n\n" + snippet;
  return text;
}

}  // namespace parley::server
