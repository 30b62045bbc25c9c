#pragma once
#include <string>
#include <string_view>
#include <unordered_set>

namespace parley::search {

// A passage of `text` around the densest cluster of `matched` terms, at most about
// `max_tokens` tokens long, with each matched token wrapped in « ». Falls back to the start of
// the text when nothing matches.
std::string make_snippet(std::string_view text, const std::unordered_set<std::string>& matched,
                         std::size_t max_tokens = 24);

}  // namespace parley::search
