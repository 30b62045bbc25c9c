#pragma once
#include <cstddef>
#include <string_view>

namespace parley::search {

// Damerau–Levenshtein (optimal string alignment) distance between two byte strings, giving up
// early: returns max_distance + 1 as soon as the distance must exceed max_distance.
std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t max_distance);

}  // namespace parley::search
