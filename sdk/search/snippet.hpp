#pragma once
#include <string>
#include <string_view>
#include <unordered_set>

namespace parley::search {

// A passage of `text` around the densest cluster of `matched` terms, at most about
// `max_tokens` tokens long, with each matched token wrapped in « ». Falls back to the start of
// the text when nothing matches. Only the first kSnippetScanBytes of the text are searched for
// matches: a snippet is made for every hit of every keystroke, and normalizing a long article
// whole cost more than the search itself; an FAQ answer's first few KiB are where it answers.
inline constexpr std::size_t kSnippetScanBytes = 4096;
std::string make_snippet(std::string_view text, const std::unordered_set<std::string>& matched,
                         std::size_t max_tokens = 24);

}  // namespace parley::search
