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
  // Each word's grams, then the words of each gram laid out as one array by counting sort
  // over the 16-bit codes (two passes, no comparison sort).
  std::vector<std::uint16_t> all_grams;
  std::vector<std::uint32_t> word_ends;  // where each word's grams end in all_grams
  std::vector<std::uint16_t> g;
  for (const auto word : words_) {
    grams(word, g);
    all_grams.insert(all_grams.end(), g.begin(), g.end());
    word_ends.push_back(static_cast<std::uint32_t>(all_grams.size()));
  }
  std::vector<std::uint32_t> count(1u << 16, 0);
  for (const auto gram : all_grams) ++count[gram];
  gram_codes_.clear();
  gram_starts_.clear();
  std::vector<std::uint32_t> next(1u << 16, 0);  // where the next word of each gram goes
  std::uint32_t total = 0;
  for (std::uint32_t code = 0; code < count.size(); ++code) {
    if (count[code] == 0) continue;
    gram_codes_.push_back(static_cast<std::uint16_t>(code));
    gram_starts_.push_back(total);
    next[code] = total;
    total += count[code];
  }
  gram_starts_.push_back(total);
  gram_words_.assign(total, 0);
  std::uint32_t begin = 0;
  for (std::uint32_t w = 0; w < words_.size(); ++w) {
    for (std::uint32_t i = begin; i < word_ends[w]; ++i) gram_words_[next[all_grams[i]]++] = w;
    begin = word_ends[w];
  }
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
