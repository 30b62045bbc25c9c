#pragma once
// How well the suggestion bar (search::kSuggestMinShare) separates answers from noise: on each
// judged set, how many right first answers it keeps, and how many first answers to the other
// sets' questions (which that catalogue cannot answer) it drops.
#include <vector>

#include "dataset.hpp"

namespace parley::bench {

void print_suggestion_table(const std::vector<Dataset>& sets);

}  // namespace parley::bench
