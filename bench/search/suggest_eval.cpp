#include "suggest_eval.hpp"

#include <algorithm>
#include <cstdio>

#include "search/index.hpp"

namespace parley::bench {
namespace {

// The first hit with no bar, so that what the bar would keep can be counted.
std::vector<search::Hit> first_hit(const search::Index& index, const std::string& text) {
  auto query = search::suggestion_query(text, "", 1);
  query.min_share = 0;
  query.snippets = false;
  return index.search(query);
}

}  // namespace

void print_suggestion_table(const std::vector<Dataset>& sets) {
  std::printf("\n## Suggestions: the bar at share %.2f (search::kSuggestMinShare)\n\n",
              search::kSuggestMinShare);
  std::printf("| set | right first answers kept | off-topic first answers dropped |\n|---|---|---|\n");
  for (std::size_t i = 0; i < sets.size(); ++i) {
    search::Index index;
    for (const auto& a : sets[i].articles) index.upsert({a.id, a.locale, "", a.title, a.body, {}});
    int right = 0, right_kept = 0;
    for (const auto& q : sets[i].queries) {
      const auto hits = first_hit(index, q.text);
      if (hits.empty() ||
          std::find(q.relevant.begin(), q.relevant.end(), hits[0].id) == q.relevant.end()) {
        continue;
      }
      ++right;
      if (hits[0].share >= search::kSuggestMinShare) ++right_kept;
    }
    int off_topic = 0, off_topic_dropped = 0;
    for (std::size_t j = 0; j < sets.size(); ++j) {
      if (j == i) continue;
      for (const auto& q : sets[j].queries) {
        const auto hits = first_hit(index, q.text);
        if (hits.empty()) continue;  // dropped by any bar
        ++off_topic;
        if (hits[0].share < search::kSuggestMinShare) ++off_topic_dropped;
      }
    }
    std::printf("| %s | %d of %d (%.0f%%) | %d of %d (%.0f%%) |\n", sets[i].name.c_str(), right_kept,
                right, 100.0 * right_kept / std::max(1, right), off_topic_dropped, off_topic,
                100.0 * off_topic_dropped / std::max(1, off_topic));
  }
}

}  // namespace parley::bench
