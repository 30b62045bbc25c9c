#include "search/typo_matcher.hpp"

#include <algorithm>
#include <utility>

#include "search/edit_distance.hpp"

namespace parley::search {
namespace {

// Byte bigrams of the word padded with markers, so that the first and last letters count too,
// each as a 16-bit code; sorted, without repeats. Bytes, not characters: only words of
// space-separated scripts reach here, and a multi-byte letter simply contributes more bigrams
// on both sides alike.
void grams(std::string_view word, std::vector<std::uint16_t>& out) {
  out.clear();
  auto byte = [&](std::size_t i) -> std::uint16_t {
    if (i == 0) return 0x01;
    if (i == word.size() + 1) return 0x02;
    return static_cast<unsigned char>(word[i - 1]);
  };
  for (std::size_t i = 0; i + 1 < word.size() + 2; ++i) {
    out.push_back(static_cast<std::uint16_t>(byte(i) << 8 | byte(i + 1)));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

}  // namespace

void TypoMatcher::build(std::vector<std::string_view> words) {
  words_ = std::move(words);
  // (gram, word) pairs sorted by gram, then laid out as one list of words per gram.
  std::vector<std::pair<std::uint16_t, std::uint32_t>> pairs;
  std::vector<std::uint16_t> g;
  for (std::uint32_t i = 0; i < words_.size(); ++i) {
    grams(words_[i], g);
    for (const auto gram : g) pairs.emplace_back(gram, i);
  }
  std::sort(pairs.begin(), pairs.end());
  gram_codes_.clear();
  gram_starts_.clear();
  gram_words_.clear();
  gram_words_.reserve(pairs.size());
  for (const auto& [gram, word] : pairs) {
    if (gram_codes_.empty() || gram_codes_.back() != gram) {
      gram_codes_.push_back(gram);
      gram_starts_.push_back(static_cast<std::uint32_t>(gram_words_.size()));
    }
    gram_words_.push_back(word);
  }
  gram_starts_.push_back(static_cast<std::uint32_t>(gram_words_.size()));
  gram_codes_.shrink_to_fit();
  gram_starts_.shrink_to_fit();
  shared_.assign(words_.size(), 0);
}

std::vector<std::uint32_t> TypoMatcher::within(std::string_view word, std::size_t max_distance) const {
  std::vector<std::uint16_t> g;
  grams(word, g);
  // Each edit breaks at most two of the word's bigrams (a transposition three): a candidate
  // must keep the rest.
  const std::size_t breakable = 3 * max_distance;
  const std::size_t need = g.size() > breakable ? g.size() - breakable : 1;

  std::vector<std::uint32_t> seen;  // words with a count, to check and then clear
  for (const auto gram : g) {
    const auto it = std::lower_bound(gram_codes_.begin(), gram_codes_.end(), gram);
    if (it == gram_codes_.end() || *it != gram) continue;
    const auto k = static_cast<std::size_t>(it - gram_codes_.begin());
    for (auto i = gram_starts_[k]; i < gram_starts_[k + 1]; ++i) {
      const auto w = gram_words_[i];
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
