#pragma once
// English function words ("the", "my", "would", …). They rank like any term; but when one is
// in no article, a hit's share (index.hpp) does not count it as something the catalogue
// cannot answer: a composer's text is full of them, they say nothing about what the user
// needs, and a small help center lacks most of them only because its articles are few.
#include <string_view>

namespace parley::search {

// `word` as written in the text (before stemming: "was" must not become "wa"); any case.
bool is_stopword(std::string_view word) noexcept;

}  // namespace parley::search
