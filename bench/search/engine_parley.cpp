#include "engine.hpp"

#include "search/index.hpp"

namespace parley::bench {
namespace {

// Ids only, as the peers are asked, unless `snippets`: then each hit also gets its highlighted
// passage, as an app showing results would ask (a row of its own, for what that costs).
class ParleyEngine final : public Engine {
 public:
  explicit ParleyEngine(bool snippets) : snippets_(snippets) {}
  std::string name() const override { return snippets_ ? "parley+snippets" : "parley"; }
  void build(const std::vector<Article>& articles) override {
    index_ = search::Index();
    for (const auto& a : articles) index_.upsert({a.id, a.locale, "", a.title, a.body, {}});
    index_.shrink_to_fit();  // as the SDK and the server do after loading a catalogue
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
    for (auto& hit : index_.search({query, "", "", k, prefix, snippets_})) ids.push_back(std::move(hit.id));
    return ids;
  }
  bool snippets_;
  search::Index index_;
};

}  // namespace

std::unique_ptr<Engine> make_parley_engine(bool snippets) { return std::make_unique<ParleyEngine>(snippets); }

}  // namespace parley::bench
