#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace parley::search {

// A passage of `text` around the densest cluster of `matched` terms, at most about
// `max_tokens` tokens long, with each matched token wrapped in « ». Falls back to the start of
// the text when nothing matches. Only the first kSnippetScanBytes of the text are searched for
// matches: a snippet is made for every hit of every keystroke, and normalizing a long article
// whole cost more than the search itself; an FAQ answer's first few KiB are where it answers.
inline constexpr std::size_t kSnippetScanBytes = 4096;
std::string make_snippet(std::string_view text, const std::unordered_set<std::string>& matched,
                         std::size_t max_tokens = 24);

// The same in two steps, so that a text's tokens can be kept for the next keystroke (whose
// hits are mostly the same): its tokens as term hashes with byte ranges, then the snippet
// for a set of matched term hashes.
struct SnippetToken {
  std::uint64_t term_hash;
  std::uint32_t begin;
  std::uint32_t end;
};
std::uint64_t snippet_term_hash(std::string_view term) noexcept;
std::vector<SnippetToken> snippet_tokens(std::string_view text);  // of its first kSnippetScanBytes
std::string make_snippet(std::string_view text, const std::vector<SnippetToken>& tokens,
                         const std::unordered_set<std::uint64_t>& matched,
                         std::size_t max_tokens = 24);

}  // namespace parley::search
