// search_bench: Parley's FAQ engine side by side with SQLite FTS5 (unicode61 and trigram) and
// Xapian, on the same corpus and queries, in one run.
//
//   search_bench [--data DIR] [--sizes 1000,10000,100000] [--queries N] [--engines parley,xapian]
//
// Part 1, ranking quality on the judged sets: nDCG@10, Recall@10, MRR@10.
// Part 1b, the suggestion bar: right answers kept, off-topic answers dropped.
// Part 2, scaling: index build time and index memory (both with a first query),  query latency p50/p99 for whole queries and
// for every keystroke of each query (search-as-you-type).
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "dataset.hpp"
#include "engine.hpp"
#include "suggest_eval.hpp"

namespace {
using namespace parley::bench;
using Clock = std::chrono::steady_clock;

// with_snippets: also Parley making a snippet for each hit (the scaling rows; ranking is the same).
// --engines keeps those whose name is in the comma-separated list (all when empty): to time
// one engine alone, e.g. at 100k articles where FTS5 takes minutes.
std::string g_engines;

std::vector<std::unique_ptr<Engine>> all_engines(bool with_snippets = false) {
  std::vector<std::unique_ptr<Engine>> engines;
  engines.push_back(make_parley_engine(false));
  if (with_snippets) engines.push_back(make_parley_engine(true));
  engines.push_back(make_fts5_engine("unicode61"));
  engines.push_back(make_fts5_engine("trigram"));
#ifdef PARLEY_BENCH_XAPIAN
  engines.push_back(make_xapian_engine());
#endif
  if (g_engines.empty()) return engines;
  auto listed = [](const std::string& name) {
    for (std::size_t begin = 0; begin <= g_engines.size();) {
      const std::size_t end = std::min(g_engines.find(',', begin), g_engines.size());
      if (g_engines.compare(begin, end - begin, name) == 0) return true;
      begin = end + 1;
    }
    return false;
  };
  std::erase_if(engines, [&](const auto& e) { return !listed(e->name()); });
  return engines;
}

struct Quality {
  double ndcg = 0, recall = 0, mrr = 0;
};

Quality evaluate(Engine& engine, const std::vector<JudgedQuery>& queries) {
  Quality q;
  for (const auto& jq : queries) {
    const std::set<std::string> relevant(jq.relevant.begin(), jq.relevant.end());
    const auto ids = engine.search(jq.text, 10);
    double dcg = 0, idcg = 0;
    std::size_t found = 0;
    double rr = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (!relevant.count(ids[i])) continue;
      dcg += 1.0 / std::log2(static_cast<double>(i) + 2);
      ++found;
      if (rr == 0) rr = 1.0 / static_cast<double>(i + 1);
    }
    for (std::size_t i = 0; i < std::min<std::size_t>(relevant.size(), 10); ++i) {
      idcg += 1.0 / std::log2(static_cast<double>(i) + 2);
    }
    q.ndcg += idcg > 0 ? dcg / idcg : 0;
    q.recall += static_cast<double>(found) / static_cast<double>(relevant.size());
    q.mrr += rr;
  }
  const auto n = static_cast<double>(queries.size());
  return {q.ndcg / n, q.recall / n, q.mrr / n};
}

std::size_t heap_bytes() {
  const auto mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

// Prefixes of `text` ending at each UTF-8 character boundary: what a user has typed so far.
std::vector<std::string> keystrokes(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      out.push_back(text.substr(0, i));
    }
  }
  return out;
}

std::vector<std::size_t> parse_sizes(const char* s) {
  std::vector<std::size_t> out;
  for (const char* p = s; *p;) {
    out.push_back(std::strtoul(p, const_cast<char**>(&p), 10));
    if (*p == ',') ++p;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data = PARLEY_FAQ_DATA_DIR;
  std::vector<std::size_t> sizes{1000, 10000, 100000};
  std::size_t max_queries = 300;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--data")) data = argv[i + 1];
    else if (!std::strcmp(argv[i], "--sizes")) sizes = parse_sizes(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--queries")) max_queries = std::strtoul(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--engines")) g_engines = argv[i + 1];
  }

  std::vector<Dataset> sets;
  for (const char* name : {"stackfaq", "covidfaq", "ko-chatbot"}) sets.push_back(load_dataset(data, name));

  std::printf("## Ranking quality (judged sets; higher is better)\n\n");
  std::printf("| set | engine | nDCG@10 | Recall@10 | MRR@10 |\n|---|---|---|---|---|\n");
  for (const auto& ds : sets) {
    for (auto& engine : all_engines()) {
      engine->build(ds.articles);
      const auto q = evaluate(*engine, ds.queries);
      std::printf("| %s (%zu q) | %s | %.3f | %.3f | %.3f |\n", ds.name.c_str(), ds.queries.size(),
                  engine->name().c_str(), q.ndcg, q.recall, q.mrr);
    }
  }

  print_suggestion_table(sets);

  // Scaling: all real articles first, then generated ones; the judged queries of all sets.
  std::vector<Article> real;
  std::vector<std::string> queries;
  for (const auto& ds : sets) {
    real.insert(real.end(), ds.articles.begin(), ds.articles.end());
    for (const auto& q : ds.queries) queries.push_back(q.text);
  }
  std::shuffle(queries.begin(), queries.end(), std::mt19937(7));
  if (queries.size() > max_queries) queries.resize(max_queries);

  std::printf("\n## Scaling (%zu queries, mixed en/ko; latency in microseconds, one core)\n\n",
              queries.size());
  std::printf("| articles | engine | build ms | index MB | query p50 | query p99 | keystroke p50 | keystroke p99 |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (std::size_t size : sizes) {
    const auto corpus = scaled_corpus(real, size, 42);
    for (auto& engine : all_engines(/*with_snippets=*/true)) {
      const std::size_t before = heap_bytes();
      // Build time and memory include a first query, so that structures an engine readies
      // lazily (Parley's prefix and typo dictionaries) are counted where they belong. Builds
      // are timed five times (the median) while they are short: one is at the mercy of the
      // machine's other work. Each build replaces the last, so the memory is of one index.
      std::vector<double> builds;
      for (int round = 0; round < 5; ++round) {
        const auto t0 = Clock::now();
        engine->build(corpus);
        engine->search_as_you_type(queries.front(), 10);
        builds.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (builds.back() > 1000) break;
      }
      const double build_ms = percentile(builds, 0.5);
      const double mb = static_cast<double>(heap_bytes() - before) / (1024.0 * 1024.0);

      std::vector<double> full, keys;
      for (const auto& q : queries) {
        auto s = Clock::now();
        engine->search(q, 10);
        full.push_back(micros(Clock::now() - s));
        for (const auto& prefix : keystrokes(q)) {
          s = Clock::now();
          engine->search_as_you_type(prefix, 10);
          keys.push_back(micros(Clock::now() - s));
        }
      }
      std::printf("| %zu | %s | %.0f | %.1f | %.0f | %.0f | %.0f | %.0f |\n", size,
                  engine->name().c_str(), build_ms, mb,
                  percentile(full, 0.5), percentile(full, 0.99), percentile(keys, 0.5),
                  percentile(keys, 0.99));
      std::fflush(stdout);
    }
  }
  return 0;
}
