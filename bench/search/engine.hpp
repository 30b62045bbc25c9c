#pragma once
// One interface for every engine the search benchmark compares, so that each is built from the
// same articles and asked the same queries.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace parley::bench {

struct Article {
  std::string id;
  std::string locale;
  std::string title;
  std::string body;
};

class Engine {
 public:
  virtual ~Engine() = default;
  virtual std::string name() const = 0;
  virtual void build(const std::vector<Article>& articles) = 0;
  // Ids of the best `k` articles for a finished query.
  virtual std::vector<std::string> search(const std::string& query, std::size_t k) = 0;
  // The same for a query still being typed (the last word may be incomplete).
  virtual std::vector<std::string> search_as_you_type(const std::string& query, std::size_t k) = 0;
};

std::unique_ptr<Engine> make_parley_engine(bool snippets);
std::unique_ptr<Engine> make_fts5_engine(const std::string& tokenizer);  // "unicode61", "trigram"
#ifdef PARLEY_BENCH_XAPIAN
std::unique_ptr<Engine> make_xapian_engine();
#endif

}  // namespace parley::bench
