#pragma once
// Finds dictionary words within a small edit distance of a misspelt query word without
// comparing it to every word: words are indexed by their character bigrams, and only words
// that share enough bigrams with the query word (each edit can break at most two) are checked
// with the edit distance.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley::search {

class TypoMatcher {
 public:
  // Replaces what was there. The words are viewed, not copied: they must stay unchanged
  // until the next build (the index rebuilds its matcher whenever its vocabulary changes).
  void build(std::vector<std::string_view> words);
  // Indexes (into the words given to build) of words within max_distance edits of `word`.
  std::vector<std::uint32_t> within(std::string_view word, std::size_t max_distance) const;

 private:
  std::vector<std::string_view> words_;
  // The words of each bigram (a 16-bit code), as one array: the words of gram_codes_[k] are
  // gram_words_[gram_starts_[k] .. gram_starts_[k + 1]).
  std::vector<std::uint16_t> gram_codes_;
  std::vector<std::uint32_t> gram_starts_;
  std::vector<std::uint32_t> gram_words_;
  // Shared-bigram counts per word, reused by each call and left all zero after it: a dense
  // array beats a hash map here (common bigrams list a good part of the dictionary). Not
  // thread-safe, like the index that owns the matcher.
  mutable std::vector<std::uint32_t> shared_;
};

}  // namespace parley::search
