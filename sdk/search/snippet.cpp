#include "search/snippet.hpp"

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

#include "search/tokenizer.hpp"

namespace parley::search {
namespace {
constexpr std::size_t kFallbackBytes = 160;

// Cuts at most max_bytes from the start of text without splitting a UTF-8 sequence.
std::size_t utf8_cut(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  std::size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return n;
}
}  // namespace

std::uint64_t snippet_term_hash(std::string_view term) noexcept {
  return std::hash<std::string_view>{}(term);
}

std::vector<SnippetToken> snippet_tokens(std::string_view text) {
  const std::string_view scanned = text.substr(0, utf8_cut(text, kSnippetScanBytes));
  std::vector<SnippetToken> out;
  for (const auto& tok : tokenize(scanned)) {
    out.push_back({snippet_term_hash(tok.term), static_cast<std::uint32_t>(tok.begin),
                   static_cast<std::uint32_t>(tok.end)});
  }
  return out;
}

std::string make_snippet(std::string_view text, const std::unordered_set<std::string>& matched,
                         std::size_t max_tokens) {
  std::unordered_set<std::uint64_t> hashes;
  for (const auto& term : matched) hashes.insert(snippet_term_hash(term));
  return make_snippet(text, snippet_tokens(text), hashes, max_tokens);
}

std::string make_snippet(std::string_view text, const std::vector<SnippetToken>& tokens,
                         const std::unordered_set<std::uint64_t>& matched, std::size_t max_tokens) {
  std::vector<std::size_t> hits;  // indexes of matching tokens
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (matched.count(tokens[i].term_hash)) hits.push_back(i);
  }
  if (hits.empty()) {
    const std::size_t n = utf8_cut(text, kFallbackBytes);
    return std::string(text.substr(0, n)) + (n < text.size() ? "…" : "");
  }

  // The window [first, first + max_tokens) holding the most matching tokens.
  std::size_t best_first = hits.front();
  std::size_t best_count = 0;
  for (std::size_t a = 0, b = 0; a < hits.size(); ++a) {
    while (b < hits.size() && hits[b] < hits[a] + max_tokens) ++b;
    if (b - a > best_count) best_count = b - a, best_first = hits[a];
  }
  // Start a few tokens before the first match, for context.
  const std::size_t first = best_first >= 3 ? best_first - 3 : 0;
  const std::size_t last = std::min(tokens.size(), first + max_tokens) - 1;

  // Merge the byte ranges of matching tokens (CJK bigrams overlap).
  std::vector<std::pair<std::size_t, std::size_t>> marks;
  for (std::size_t i = first; i <= last; ++i) {
    if (!matched.count(tokens[i].term_hash)) continue;
    if (!marks.empty() && tokens[i].begin <= marks.back().second) {
      marks.back().second = std::max<std::size_t>(marks.back().second, tokens[i].end);
    } else {
      marks.emplace_back(tokens[i].begin, tokens[i].end);
    }
  }

  const std::size_t begin = tokens[first].begin;
  const std::size_t end = tokens[last].end;
  std::string out = begin > 0 ? "…" : "";
  std::size_t pos = begin;
  for (const auto& [mb, me] : marks) {
    const std::size_t stop = std::min(me, end);
    out.append(text.substr(pos, mb - pos));
    out += "«";
    out.append(text.substr(mb, stop - mb));
    out += "»";
    pos = stop;
  }
  out.append(text.substr(pos, end - pos));
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace parley::search
