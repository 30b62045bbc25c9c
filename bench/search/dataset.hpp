#pragma once
// The judged FAQ sets in shared/data/faq (articles.jsonl + queries.jsonl), and larger corpora
// made from them for scaling runs.
#include <cstddef>
#include <string>
#include <vector>

#include "engine.hpp"

namespace parley::bench {

struct JudgedQuery {
  std::string text;
  std::vector<std::string> relevant;
};

struct Dataset {
  std::string name;
  std::vector<Article> articles;
  std::vector<JudgedQuery> queries;
};

Dataset load_dataset(const std::string& dir, const std::string& name);

// A corpus of exactly `size` articles: the given real ones first (cut to size if needed),
// then articles made of random words drawn from the real ones, so that term statistics stay
// natural while the judged articles keep their place.
std::vector<Article> scaled_corpus(const std::vector<Article>& real, std::size_t size,
                                   unsigned seed);

}  // namespace parley::bench
