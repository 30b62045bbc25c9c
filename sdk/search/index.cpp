#include "search/index.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "search/snippet.hpp"
#include "search/stopwords.hpp"
#include "search/tokenizer.hpp"
#include "search/typo_matcher.hpp"

namespace parley::search {
namespace {

// BM25F. Fields: title, tags, body. Weights favour the title: an FAQ title is the question.
enum Field : std::size_t { kTitle = 0, kTags = 1, kBody = 2, kFieldCount = 3 };
constexpr std::array<double, kFieldCount> kWeight{2.5, 2.0, 1.0};
constexpr std::array<double, kFieldCount> kB{0.5, 0.5, 0.75};
constexpr double kK1 = 1.2;

// A prefix stands for its most frequent completions only: rarer ones cost time and rarely
// are what the user is typing.
constexpr std::size_t kMaxPrefixExpansions = 16;
constexpr std::size_t kMaxPrefixScan = 4096;
constexpr double kPrefixWeight = 0.9;  // a completed prefix ranks just below the exact word
constexpr double kTypoWeight = 0.6;
constexpr std::size_t kMinTypoLength = 5;

struct Posting {
  std::uint32_t doc;
  std::array<std::uint16_t, kFieldCount> tf;
};

struct TermEntry {
  std::vector<Posting> postings;  // includes removed documents until the next compaction
  std::uint32_t live_df = 0;
};

struct DocSlot {
  Document doc;
  std::array<std::uint32_t, kFieldCount> length{};
  bool live = false;
};

// One query position and the index terms that may stand for it, with their weights.
struct Slot {
  std::vector<std::pair<const TermEntry*, double>> alternatives;
  std::vector<std::string> terms;
};

using TermCounts = std::unordered_map<std::string, std::array<std::uint16_t, kFieldCount>>;

void count_field(std::string_view text, Field field, TermCounts& counts,
                 std::array<std::uint32_t, kFieldCount>& length) {
  for (auto& tok : tokenize(text)) {
    auto& tf = counts[tok.term][field];
    if (tf < UINT16_MAX) ++tf;
    ++length[field];
  }
}

TermCounts count_terms(const Document& doc, std::array<std::uint32_t, kFieldCount>& length) {
  TermCounts counts;
  count_field(doc.title, kTitle, counts, length);
  for (const auto& tag : doc.tags) count_field(tag, kTags, counts, length);
  count_field(doc.body, kBody, counts, length);
  return counts;
}

}  // namespace

struct Index::Impl {
  std::vector<DocSlot> slots;
  std::unordered_map<std::string, std::uint32_t> slot_by_id;
  std::unordered_map<std::string, TermEntry> terms;
  std::array<double, kFieldCount> total_length{};
  std::size_t live = 0;
  mutable std::vector<std::string> sorted_terms;  // for prefix matching
  mutable TypoMatcher typos;                       // over the word terms of sorted_terms
  mutable std::vector<std::string> typo_words;
  mutable bool sorted_dirty = true;
  mutable std::vector<double> scratch_total;  // per-query accumulators, reused (one owner thread)
  mutable std::vector<double> scratch_best;

  void add(const Document& doc) {
    DocSlot slot{doc, {}, true};
    const auto counts = count_terms(doc, slot.length);
    const auto idx = static_cast<std::uint32_t>(slots.size());
    for (const auto& [term, tf] : counts) {
      auto& entry = terms[term];
      entry.postings.push_back({idx, tf});
      ++entry.live_df;
    }
    for (std::size_t f = 0; f < kFieldCount; ++f) total_length[f] += slot.length[f];
    slots.push_back(std::move(slot));
    slot_by_id[doc.id] = idx;
    ++live;
    sorted_dirty = true;
  }

  void erase(std::uint32_t idx) {
    DocSlot& slot = slots[idx];
    std::array<std::uint32_t, kFieldCount> ignored{};
    for (const auto& [term, tf] : count_terms(slot.doc, ignored)) {
      auto it = terms.find(term);
      if (it != terms.end() && it->second.live_df > 0) --it->second.live_df;
    }
    for (std::size_t f = 0; f < kFieldCount; ++f) total_length[f] -= slot.length[f];
    slot_by_id.erase(slot.doc.id);
    slot.live = false;
    slot.doc = Document{};
    --live;
    sorted_dirty = true;
    if (slots.size() > 64 && live < slots.size() / 2) compact();
  }

  // Rebuilds without removed documents, so that postings and memory stay proportional to the
  // live catalogue.
  void compact() {
    std::vector<DocSlot> old;
    old.swap(slots);
    terms.clear();
    slot_by_id.clear();
    total_length = {};
    live = 0;
    for (auto& s : old) {
      if (s.live) add(s.doc);
    }
  }

  const std::vector<std::string>& dictionary() const {
    if (sorted_dirty) {
      sorted_terms.clear();
      sorted_terms.reserve(terms.size());
      for (const auto& [term, entry] : terms) {
        if (entry.live_df > 0) sorted_terms.push_back(term);
      }
      std::sort(sorted_terms.begin(), sorted_terms.end());
      typo_words.clear();
      for (const auto& t : sorted_terms) {
        if (t.size() + 2 >= kMinTypoLength && is_word_term(t)) typo_words.push_back(t);
      }
      typos.build(typo_words);
      sorted_dirty = false;
    }
    return sorted_terms;
  }

  const TermEntry* find(const std::string& term) const {
    auto it = terms.find(term);
    return it != terms.end() && it->second.live_df > 0 ? &it->second : nullptr;
  }

  Slot make_slot(const Token& tok, bool as_prefix) const {
    Slot slot;
    if (const auto* exact = find(tok.term)) {
      slot.alternatives.emplace_back(exact, 1.0);
      slot.terms.push_back(tok.term);
    }
    const bool word = is_word_term(tok.term);
    if (as_prefix && word) {
      const auto& dict = dictionary();
      std::vector<std::pair<const TermEntry*, const std::string*>> completions;
      auto it = std::lower_bound(dict.begin(), dict.end(), tok.term);
      for (std::size_t n = 0; it != dict.end() && n < kMaxPrefixScan; ++it, ++n) {
        if (it->compare(0, tok.term.size(), tok.term) != 0) break;
        if (*it != tok.term) completions.emplace_back(find(*it), &*it);
      }
      const std::size_t keep = std::min(completions.size(), kMaxPrefixExpansions);
      std::partial_sort(completions.begin(), completions.begin() + static_cast<std::ptrdiff_t>(keep),
                        completions.end(),
                        [](const auto& a, const auto& b) { return a.first->live_df > b.first->live_df; });
      for (std::size_t i = 0; i < keep; ++i) {
        slot.alternatives.emplace_back(completions[i].first, kPrefixWeight);
        slot.terms.push_back(*completions[i].second);
      }
    }
    if (slot.alternatives.empty() && word && tok.term.size() >= kMinTypoLength) {
      const std::size_t max_distance = tok.term.size() >= 8 ? 2 : 1;
      dictionary();  // brings the typo matcher up to date
      for (auto w : typos.within(tok.term, max_distance)) {
        slot.alternatives.emplace_back(find(typo_words[w]), kTypoWeight);
        slot.terms.push_back(typo_words[w]);
      }
    }
    return slot;
  }

  double idf(const TermEntry& entry) const { return idf_of_df(entry.live_df); }
  double idf_of_df(double df) const {
    const double n = static_cast<double>(live);
    return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
  }

  std::array<double, kFieldCount> average_lengths() const {
    std::array<double, kFieldCount> avg{};
    for (std::size_t f = 0; f < kFieldCount; ++f) avg[f] = total_length[f] / static_cast<double>(live);
    return avg;
  }

  // BM25F of one posting; `scaled_idf` is the term's idf times its query weight.
  double term_score(const Posting& p, double scaled_idf,
                    const std::array<double, kFieldCount>& avg) const {
    const DocSlot& slot = slots[p.doc];
    double weighted_tf = 0;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (p.tf[f] == 0) continue;
      const double norm = avg[f] > 0 ? 1.0 - kB[f] + kB[f] * slot.length[f] / avg[f] : 1.0;
      weighted_tf += kWeight[f] * p.tf[f] / norm;
    }
    return scaled_idf * weighted_tf / (kK1 + weighted_tf);
  }

  bool passes(const DocSlot& slot, const Query& q) const {
    if (!slot.live) return false;
    if (!q.locale.empty() && slot.doc.locale != q.locale) return false;
    if (!q.category.empty() && slot.doc.category != q.category) return false;
    return true;
  }
};

Index::Index() : impl_(std::make_unique<Impl>()) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

void Index::upsert(const Document& doc) {
  if (auto it = impl_->slot_by_id.find(doc.id); it != impl_->slot_by_id.end()) {
    impl_->erase(it->second);
  }
  impl_->add(doc);
}

void Index::remove(std::string_view id) {
  if (auto it = impl_->slot_by_id.find(std::string(id)); it != impl_->slot_by_id.end()) {
    impl_->erase(it->second);
  }
}

void Index::clear() { impl_ = std::make_unique<Impl>(); }

std::size_t Index::size() const noexcept { return impl_->live; }

std::vector<Hit> Index::search(const Query& query) const {
  const Impl& ix = *impl_;
  if (ix.live == 0 || query.limit == 0) return {};

  auto tokens = tokenize(query.text);
  const bool typing = query.prefix_last && !query.text.empty() &&
                      tokens.size() > 0 && tokens.back().end == query.text.size();
  std::vector<Slot> slots;
  std::unordered_set<std::string> seen;
  // A word that no article has says something the catalogue cannot answer: it counts towards
  // what the query says (the ceiling of `share`) as a term of one document would, though it
  // can match nothing. Not so an English function word ("would", "my"): in a small help
  // center most of them are in no article, and they say nothing of what a text is about. CJK
  // runs are left out too: their bigrams stand for them.
  double unmatched_words = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!seen.insert(tokens[i].term).second) continue;
    Slot slot = ix.make_slot(tokens[i], typing && i + 1 == tokens.size());
    if (!slot.alternatives.empty()) {
      slots.push_back(std::move(slot));
    } else if (!tokens[i].cjk_gram && is_word_term(tokens[i].term) &&
               !is_stopword(std::string_view(query.text)
                                .substr(tokens[i].begin, tokens[i].end - tokens[i].begin))) {
      unmatched_words += 1;
    }
  }

  // Score: sum over query positions of the best alternative's BM25F contribution. Dense
  // accumulators indexed by slot, reused across queries, keep the inner loop free of hashing.
  // They are all zero between queries (each query zeroes what it touched), so a query over a
  // large catalogue does not pay for clearing all of it.
  auto& total = ix.scratch_total;
  auto& best = ix.scratch_best;
  if (total.size() < ix.slots.size()) {
    total.resize(ix.slots.size(), 0.0);
    best.resize(ix.slots.size(), 0.0);
  }
  std::vector<std::uint32_t> touched, slot_touched;
  const bool filtered = !query.locale.empty() || !query.category.empty();
  const auto avg = ix.average_lengths();

  // MaxScore, term at a time: BM25F's tf part stays below 1, so a position can add at most
  // the largest weighted idf of its alternatives. Positions are taken rarest first; once the
  // positions left could not lift a document not yet seen above the k-th score so far, the
  // rest only update the documents already seen (found by binary search: postings are in
  // document order), and documents that cannot reach the k-th score any more are dropped.
  // The top k is exactly the exhaustive one; common words stop costing a pass over most of
  // the catalogue.
  std::vector<double> bound(slots.size(), 0.0);
  std::vector<std::size_t> order(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    for (const auto& [entry, weight] : slots[i].alternatives) bound[i] = std::max(bound[i], weight * ix.idf(*entry));
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return bound[a] > bound[b]; });
  // What the positions after the j-th can still add: summed from the end, so it is exactly 0
  // after the last, and widened a little so that rounding never drops a document that ties.
  std::vector<double> left_after(slots.size() + 1, 0.0);
  for (std::size_t j = slots.size(); j-- > 0;) {
    left_after[j] = j + 1 < slots.size() ? left_after[j + 1] + bound[order[j + 1]] : 0.0;
  }
  // What a document matching every position as strongly as BM25F allows would score.
  double ceiling = unmatched_words * ix.idf_of_df(1.0);
  for (const double b : bound) ceiling += b;
  for (auto& left : left_after) left = left > 0 ? left * (1 + 1e-9) + 1e-12 : 0.0;
  const std::size_t want = query.limit;
  bool open = true;  // a document not yet seen may still reach the top k
  double top_total = 0;  // the best total so far (while open)
  std::vector<double> kth_scratch;
  auto kth_score = [&] {
    kth_scratch.clear();
    for (auto doc : touched) kth_scratch.push_back(total[doc]);
    std::nth_element(kth_scratch.begin(), kth_scratch.begin() + static_cast<std::ptrdiff_t>(want - 1),
                     kth_scratch.end(), std::greater<>());
    return kth_scratch[want - 1];
  };
  for (std::size_t j = 0; j < order.size(); ++j) {
    const Slot& slot = slots[order[j]];
    const double remaining = left_after[j];
    if (open) {
      slot_touched.clear();
      for (const auto& [entry, weight] : slot.alternatives) {
        const double scaled_idf = weight * ix.idf(*entry);
        for (const auto& p : entry->postings) {
          const DocSlot& d = ix.slots[p.doc];
          if (!d.live || (filtered && !ix.passes(d, query))) continue;
          const double s = ix.term_score(p, scaled_idf, avg);
          if (best[p.doc] == 0.0) slot_touched.push_back(p.doc);
          best[p.doc] = std::max(best[p.doc], s);
        }
      }
      for (auto doc : slot_touched) {
        if (total[doc] == 0.0) touched.push_back(doc);
        total[doc] += best[doc];
        top_total = std::max(top_total, total[doc]);
        best[doc] = 0.0;
      }
    } else {
      for (const auto& [entry, weight] : slot.alternatives) {
        const double scaled_idf = weight * ix.idf(*entry);
        const auto& postings = entry->postings;
        if (touched.size() * 16 < postings.size()) {  // few candidates: look each one up
          for (auto doc : touched) {
            const auto it = std::lower_bound(postings.begin(), postings.end(), doc,
                                             [](const Posting& p, std::uint32_t d) { return p.doc < d; });
            if (it == postings.end() || it->doc != doc) continue;
            best[doc] = std::max(best[doc], ix.term_score(*it, scaled_idf, avg));
          }
        } else {  // many: one pass, scoring only candidates (the only documents with a total)
          for (const auto& p : postings) {
            if (total[p.doc] == 0.0) continue;
            best[p.doc] = std::max(best[p.doc], ix.term_score(p, scaled_idf, avg));
          }
        }
      }
      for (auto doc : touched) {
        total[doc] += best[doc];
        best[doc] = 0.0;
      }
    }
    // Closing needs remaining < the k-th score <= the best total: skip finding the k-th
    // score while even the best total is not above what is left.
    if (touched.size() < want || (open && remaining >= top_total)) continue;
    const double kth = kth_score();
    if (open && remaining < kth) open = false;
    if (!open) {
      // Those that even every position left could not lift to the k-th score are out.
      std::erase_if(touched, [&](std::uint32_t doc) {
        if (total[doc] + remaining >= kth) return false;
        total[doc] = 0.0;
        return true;
      });
    }
  }

  std::vector<std::pair<std::uint32_t, double>> ranked;
  ranked.reserve(touched.size());
  for (auto doc : touched) {
    ranked.emplace_back(doc, total[doc]);
    total[doc] = 0.0;
  }
  const std::size_t k = std::min(query.limit, ranked.size());
  auto better = [&](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return ix.slots[a.first].doc.id < ix.slots[b.first].doc.id;
  };
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(k), ranked.end(), better);
  ranked.resize(k);
  // The totals of the top k are exact (MaxScore only drops documents outside it).
  auto share_of = [&](double score) { return ceiling > 0 ? std::min(1.0, score / ceiling) : 0.0; };
  std::erase_if(ranked, [&](const auto& r) { return share_of(r.second) < query.min_share; });

  std::unordered_set<std::string> matched;
  if (query.snippets) {
    for (const auto& slot : slots) matched.insert(slot.terms.begin(), slot.terms.end());
  }
  std::vector<Hit> hits;
  hits.reserve(k);
  for (const auto& [doc, score] : ranked) {
    const Document& d = ix.slots[doc].doc;
    hits.push_back({d.id, score,
                    query.snippets ? make_snippet(d.body.empty() ? d.title : d.body, matched) : "",
                    share_of(score)});
  }
  return hits;
}

Query suggestion_query(std::string text, std::string locale, std::size_t limit) {
  Query query;
  query.text = std::move(text);
  query.locale = std::move(locale);
  query.limit = limit;
  query.min_share = kSuggestMinShare;
  return query;
}

}  // namespace parley::search
