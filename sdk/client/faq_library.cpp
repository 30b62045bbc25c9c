#include "client/faq_library.hpp"

namespace parley::client {
namespace {

search::Document to_document(const Article& a) {
  return search::Document{a.id, a.locale, a.category, a.title, a.body, a.tags};
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

void FaqLibrary::replace_all(const std::vector<Article>& articles) {
  articles_.clear();
  index_.clear();
  for (const auto& a : articles) upsert(a);
  index_.shrink_to_fit();
}

void FaqLibrary::upsert(const Article& article) {
  Article stored = article;
  stored.locale = lowercase(article.locale);
  index_.upsert(to_document(stored));
  articles_[stored.id] = std::move(stored);
}

void FaqLibrary::remove(const std::string& id) {
  index_.remove(id);
  articles_.erase(id);
}

std::string FaqLibrary::resolve_locale(std::string_view requested) const {
  const std::string wanted = lowercase(requested);
  auto has_locale = [this](const std::string& locale) {
    for (const auto& [id, article] : articles_) {
      if (article.locale == locale) return true;
    }
    return false;
  };
  if (wanted.empty() || has_locale(wanted)) return wanted;
  std::string language = wanted.substr(0, wanted.find_first_of("-_"));
  return has_locale(language) ? language : wanted;
}

std::vector<SearchHit> FaqLibrary::search(std::string_view query, std::string_view locale,
                                          std::size_t limit) const {
  search::Query q;
  q.text = std::string(query);
  q.locale = resolve_locale(locale);
  q.limit = limit;
  return run(q);
}

std::vector<SearchHit> FaqLibrary::suggest(std::string_view text, std::string_view locale,
                                           std::size_t limit) const {
  return run(search::suggestion_query(std::string(text), resolve_locale(locale), limit));
}

std::vector<SearchHit> FaqLibrary::run(const search::Query& query) const {
  std::vector<SearchHit> hits;
  for (auto& hit : index_.search(query)) {
    const auto it = articles_.find(hit.id);
    if (it == articles_.end()) continue;  // the index holds exactly articles_
    hits.push_back(SearchHit{it->second, hit.score, std::move(hit.snippet)});
  }
  return hits;
}

}  // namespace parley::client
