#include "engine.hpp"

#include "search/index.hpp"

namespace parley::bench {
namespace {

class ParleyEngine final : public Engine {
 public:
  std::string name() const override { return "parley"; }
  void build(const std::vector<Article>& articles) override {
    index_ = search::Index();
    for (const auto& a : articles) index_.upsert({a.id, a.locale, "", a.title, a.body, {}});
  }
  std::vector<std::string> search(const std::string& query, std::size_t k) override {
    return run(query, k, false);
  }
  std::vector<std::string> search_as_you_type(const std::string& query, std::size_t k) override {
    return run(query, k, true);
  }

 private:
  std::vector<std::string> run(const std::string& query, std::size_t k, bool prefix) {
    std::vector<std::string> ids;
    for (auto& hit : index_.search({query, "", "", k, prefix})) ids.push_back(std::move(hit.id));
    return ids;
  }
  search::Index index_;
};

}  // namespace

std::unique_ptr<Engine> make_parley_engine() { return std::make_unique<ParleyEngine>(); }

}  // namespace parley::bench
