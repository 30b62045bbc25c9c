#include "search/typo_matcher.hpp"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "search/edit_distance.hpp"

namespace parley::search {
namespace {
// Byte bigrams of the word padded with markers, so that the first and last letters count too.
// Bytes, not characters: only words of space-separated scripts reach here, and a multi-byte
// letter simply contributes more bigrams on both sides alike.
std::vector<std::string> grams(std::string_view word) {
  std::string padded;
  padded.reserve(word.size() + 2);
  padded += '\x01';
  padded += word;
  padded += '\x02';
  std::vector<std::string> out;
  out.reserve(padded.size() - 1);
  for (std::size_t i = 0; i + 1 < padded.size(); ++i) out.push_back(padded.substr(i, 2));
  return out;
}
}  // namespace

void TypoMatcher::build(std::vector<std::string_view> words) {
  words_ = std::move(words);
  by_gram_.clear();
  shared_.assign(words_.size(), 0);
  for (std::uint32_t i = 0; i < words_.size(); ++i) {
    auto g = grams(words_[i]);
    std::sort(g.begin(), g.end());
    g.erase(std::unique(g.begin(), g.end()), g.end());
    for (auto& gram : g) by_gram_[gram].push_back(i);
  }
}

std::vector<std::uint32_t> TypoMatcher::within(std::string_view word, std::size_t max_distance) const {
  auto g = grams(word);
  std::sort(g.begin(), g.end());
  g.erase(std::unique(g.begin(), g.end()), g.end());
  // Each edit breaks at most two of the word's bigrams (a transposition three): a candidate
  // must keep the rest.
  const std::size_t breakable = 3 * max_distance;
  const std::size_t need = g.size() > breakable ? g.size() - breakable : 1;

  std::vector<std::uint32_t> seen;  // words with a count, to check and then clear
  for (const auto& gram : g) {
    auto it = by_gram_.find(gram);
    if (it == by_gram_.end()) continue;
    for (auto w : it->second) {
      if (shared_[w]++ == 0) seen.push_back(w);
    }
  }
  std::vector<std::uint32_t> out;
  for (const auto w : seen) {
    const std::size_t count = std::exchange(shared_[w], 0);
    if (count < need) continue;
    const auto& cand = words_[w];
    const std::size_t diff = cand.size() > word.size() ? cand.size() - word.size() : word.size() - cand.size();
    if (diff > max_distance) continue;
    if (bounded_edit_distance(word, cand, max_distance) <= max_distance) out.push_back(w);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace parley::search
