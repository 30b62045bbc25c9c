#include "dataset.hpp"

#include <fstream>
#include <random>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace parley::bench {

Dataset load_dataset(const std::string& dir, const std::string& name) {
  Dataset ds{name, {}, {}};
  auto lines = [&](const std::string& file, auto&& each) {
    std::ifstream in(dir + "/" + name + "/" + file);
    if (!in) throw std::runtime_error("cannot read " + dir + "/" + name + "/" + file);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) each(nlohmann::json::parse(line));
    }
  };
  lines("articles.jsonl", [&](const nlohmann::json& j) {
    ds.articles.push_back({j.at("id"), j.value("locale", ""), j.at("title"), j.value("body", "")});
  });
  lines("queries.jsonl", [&](const nlohmann::json& j) {
    ds.queries.push_back({j.at("query"), j.at("relevant").get<std::vector<std::string>>()});
  });
  return ds;
}

std::vector<Article> scaled_corpus(const std::vector<Article>& real, std::size_t size,
                                   unsigned seed) {
  std::vector<Article> out(real.begin(), real.begin() + static_cast<std::ptrdiff_t>(std::min(size, real.size())));
  std::vector<std::string> words;
  for (const auto& a : real) {
    std::string w;
    for (char c : a.title + " " + a.body) {
      if (c == ' ' || c == '\n') {
        if (!w.empty()) words.push_back(w);
        w.clear();
      } else {
        w += c;
      }
    }
  }
  if (words.empty()) return out;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::size_t> pick(0, words.size() - 1);
  std::uniform_int_distribution<int> title_len(3, 9), body_len(20, 80);
  auto text = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? " " : "") + words[pick(rng)];
    return s;
  };
  for (std::size_t i = out.size(); i < size; ++i) {
    out.push_back({"gen" + std::to_string(i), "", text(title_len(rng)), text(body_len(rng))});
  }
  return out;
}

}  // namespace parley::bench
