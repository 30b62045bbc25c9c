#pragma once
// Turns text into index terms. One tokenizer serves documents and queries, so that both sides
// always agree on what a term is.
//
// - Text is normalised per token: NFKC, case folded, combining marks removed ("Café" → "cafe").
// - Latin (and other space-separated) scripts give whole words, lightly stemmed ("refunds" →
//   "refund").
// - Hangul, kana and CJK ideographs give the whole run and its character bigrams, so that a
//   Korean query matches through particles and spacing ("환불은" shares "환불" with "환불 정책").
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::search {

struct Token {
  std::string term;     // normalised term
  std::size_t begin;    // byte range in the original text (for snippets)
  std::size_t end;
  bool cjk_gram = false;  // a bigram (or unigram) cut from a CJK run, not a whole word
};

// A token as for_each_token gives it: `term` is valid only during the call.
struct TokenView {
  std::string_view term;
  std::size_t begin;
  std::size_t end;
  bool cjk_gram = false;
};

// Calls `sink` with each token of `text`, in order of appearance, without allocating per
// token: a term is a view into `text` when normalising leaves it as it is (lower-case ASCII,
// Hangul syllables: most FAQ text), else into a buffer reused for the next. Invalid UTF-8
// bytes are treated as separators. Indexing uses this.
void for_each_token(std::string_view text, const std::function<void(const TokenView&)>& sink);

// The same tokens, kept.
std::vector<Token> tokenize(std::string_view text);

// True if `term` is a whole word of a space-separated script (eligible for prefix and typo
// matching).
bool is_word_term(std::string_view term);

}  // namespace parley::search
