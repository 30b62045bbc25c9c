#include "search/index.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <utility>
#include <unordered_set>

#include "search/posting_list.hpp"
#include "search/snippet.hpp"
#include "search/stopwords.hpp"
#include "search/term_table.hpp"
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

struct TermEntry {
  PostingList postings;  // includes removed documents until the next compaction
  std::uint32_t live_df = 0;
};

// A document as the index keeps it: its text in one string (locale, category, title, the tags
// joined by '\n' — a separator to the tokenizer, so they give the same terms one by one — and
// the body) and its id as a key of the id table.
struct DocSlot {
  std::string text;
  std::array<std::uint32_t, 4> ends{};  // where locale, category, title and tags end in `text`
  std::uint32_t key = 0;
  bool live = false;

  std::string_view part(std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends[i - 1];
    const std::size_t end = i < ends.size() ? ends[i] : text.size();
    return std::string_view(text).substr(begin, end - begin);
  }
  std::string_view locale() const { return part(0); }
  std::string_view category() const { return part(1); }
  std::string_view title() const { return part(2); }
  std::string_view tags() const { return part(3); }
  std::string_view body() const { return part(4); }
};

DocSlot pack(const Document& doc) {
  DocSlot slot;
  std::size_t size = doc.locale.size() + doc.category.size() + doc.title.size() + doc.body.size();
  for (const auto& tag : doc.tags) size += tag.size() + 1;
  if (size > UINT32_MAX) throw std::length_error("a document of 4 GiB or more cannot be indexed");
  slot.text.reserve(size);
  auto end_part = [&](std::size_t i) { slot.ends[i] = static_cast<std::uint32_t>(slot.text.size()); };
  slot.text += doc.locale;
  end_part(0);
  slot.text += doc.category;
  end_part(1);
  slot.text += doc.title;
  end_part(2);
  for (std::size_t i = 0; i < doc.tags.size(); ++i) {
    if (i > 0) slot.text += '\n';
    slot.text += doc.tags[i];
  }
  end_part(3);
  slot.text += doc.body;
  return slot;
}

constexpr std::uint32_t kNoSlot = UINT32_MAX;

// Snippet tokens of the texts of recent hits: typing a query, each keystroke mostly shows the
// hits of the last one again, and tokenizing their text is most of a snippet's cost.
constexpr std::size_t kSnippetCacheSize = 32;
struct CachedTokens {
  std::uint32_t slot = kNoSlot;
  std::uint64_t used = 0;
  std::vector<SnippetToken> tokens;
};

// One query position and the index terms that may stand for it, with their weights.
struct Slot {
  std::vector<std::pair<const TermEntry*, double>> alternatives;
  std::vector<std::string> terms;
};

// A document's distinct terms with their frequencies per field, gathered through a small
// open-addressing table of positions that is reused from document to document.
class DocTerms {
 public:
  void clear() {
    for (const auto slot : used_) table_[slot] = 0;
    used_.clear();
    terms_.clear();
  }
  void add(std::uint32_t id, Field field) {
    if ((terms_.size() + 1) * 2 > table_.size()) grow();
    std::size_t slot = position(id);
    if (table_[slot] == 0) {
      terms_.push_back({id, {}});
      table_[slot] = static_cast<std::uint32_t>(terms_.size());
      used_.push_back(static_cast<std::uint32_t>(slot));
    }
    auto& n = terms_[table_[slot] - 1].second[field];
    if (n < UINT16_MAX) ++n;
  }
  const std::vector<std::pair<std::uint32_t, std::array<std::uint16_t, kFieldCount>>>& terms() const {
    return terms_;
  }

 private:
  std::size_t position(std::uint32_t id) const {  // its slot, or the empty one for it
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = (id * std::size_t{2654435761u}) & mask;; i = (i + 1) & mask) {
      if (table_[i] == 0 || terms_[table_[i] - 1].first == id) return i;
    }
  }
  void grow() {
    table_.assign(table_.empty() ? 1024 : table_.size() * 2, 0);
    used_.clear();
    for (std::uint32_t i = 0; i < terms_.size(); ++i) {
      const std::size_t slot = position(terms_[i].first);
      table_[slot] = i + 1;
      used_.push_back(static_cast<std::uint32_t>(slot));
    }
  }

  std::vector<std::uint32_t> table_;  // 1 + index into terms_, or 0
  std::vector<std::uint32_t> used_;   // slots to clear for the next document
  std::vector<std::pair<std::uint32_t, std::array<std::uint16_t, kFieldCount>>> terms_;
};

}  // namespace

struct Index::Impl {
  std::vector<DocSlot> slots;
  // slots[i].live, densely: the scoring loop checks it for every posting, and a byte per
  // document stays in cache where the slots do not.
  std::vector<std::uint8_t> alive;
  std::vector<std::array<std::uint32_t, kFieldCount>> lengths;  // per slot, in terms; dense too
  TermTable doc_ids;                     // document ids, each with a key
  std::vector<std::uint32_t> slot_of_key;  // key → its live slot, or kNoSlot
  TermTable vocabulary;
  std::vector<TermEntry> terms;  // by term id
  std::array<double, kFieldCount> total_length{};
  std::size_t live = 0;
  mutable std::vector<std::uint32_t> sorted_terms;  // live term ids in text order, for prefixes
  mutable TypoMatcher typos;                         // over the word terms of sorted_terms
  mutable std::vector<std::uint32_t> typo_words;     // their ids, in the matcher's order
  DocTerms doc_terms;                                // scratch of add() and erase()
  mutable std::array<CachedTokens, kSnippetCacheSize> snippet_cache;
  mutable std::uint64_t snippet_clock = 0;

  const std::vector<SnippetToken>& snippet_tokens_of(std::uint32_t slot, std::string_view text) const {
    CachedTokens* victim = &snippet_cache[0];
    for (auto& cached : snippet_cache) {
      if (cached.slot == slot) {
        cached.used = ++snippet_clock;
        return cached.tokens;
      }
      if (cached.used < victim->used) victim = &cached;
    }
    victim->slot = slot;
    victim->used = ++snippet_clock;
    victim->tokens = snippet_tokens(text);
    return victim->tokens;
  }

  void forget_snippet_tokens() {
    for (auto& cached : snippet_cache) cached = CachedTokens{};
  }
  mutable bool sorted_dirty = true;
  mutable std::vector<double> scratch_total;  // per-query accumulators, reused (one owner thread)
  mutable std::vector<double> scratch_best;

  // The document's terms and their frequencies into doc_terms; with `intern`, new terms join
  // the vocabulary (adding), else they are only looked up (removing: every term is known).
  void collect(const DocSlot& doc, bool intern, std::array<std::uint32_t, kFieldCount>& length) {
    doc_terms.clear();
    auto field = [&](std::string_view text, Field f) {
      for_each_token(text, [&](const TokenView& tok) {
        ++length[f];
        if (intern) {
          doc_terms.add(vocabulary.intern(tok.term), f);
        } else if (auto id = vocabulary.find(tok.term)) {
          doc_terms.add(*id, f);
        }
      });
    };
    field(doc.title(), kTitle);
    field(doc.tags(), kTags);
    field(doc.body(), kBody);
  }

  // Calls fn(term id, frequencies) once per distinct term of the collected document.
  template <typename Fn>
  void for_each_term(Fn fn) const {
    for (const auto& [id, tf] : doc_terms.terms()) fn(id, tf);
  }

  std::optional<std::uint32_t> slot_of(std::string_view id) const {
    const auto key = doc_ids.find(id);
    if (!key || *key >= slot_of_key.size() || slot_of_key[*key] == kNoSlot) return std::nullopt;
    return slot_of_key[*key];
  }

  void add(DocSlot slot, std::string_view doc_id) {
    slot.key = doc_ids.intern(doc_id);
    slot.live = true;
    std::array<std::uint32_t, kFieldCount> length{};
    collect(slot, /*intern=*/true, length);
    if (terms.size() < vocabulary.size()) terms.resize(vocabulary.size());
    const auto idx = static_cast<std::uint32_t>(slots.size());
    for_each_term([&](std::uint32_t id, const std::array<std::uint16_t, kFieldCount>& tf) {
      auto& entry = terms[id];
      entry.postings.append({idx, tf});
      ++entry.live_df;
    });
    for (std::size_t f = 0; f < kFieldCount; ++f) total_length[f] += length[f];
    if (slot_of_key.size() < doc_ids.size()) slot_of_key.resize(doc_ids.size(), kNoSlot);
    slot_of_key[slot.key] = idx;
    slots.push_back(std::move(slot));
    alive.push_back(1);
    lengths.push_back(length);
    ++live;
    sorted_dirty = true;
  }

  void erase(std::uint32_t idx) {
    DocSlot& slot = slots[idx];
    std::array<std::uint32_t, kFieldCount> ignored{};
    collect(slot, /*intern=*/false, ignored);
    for_each_term([&](std::uint32_t id, const auto&) {
      if (terms[id].live_df > 0) --terms[id].live_df;
    });
    for (std::size_t f = 0; f < kFieldCount; ++f) total_length[f] -= lengths[idx][f];
    slot_of_key[slot.key] = kNoSlot;
    forget_snippet_tokens();
    slot.live = false;
    alive[idx] = 0;
    std::string().swap(slot.text);
    --live;
    sorted_dirty = true;
    if (slots.size() > 64 && live < slots.size() / 2) compact();
  }

  // Rebuilds without removed documents, so that postings and memory stay proportional to the
  // live catalogue.
  void compact() {
    forget_snippet_tokens();  // slots are renumbered
    std::vector<DocSlot> old;
    old.swap(slots);
    alive.clear();
    lengths.clear();
    const TermTable old_ids = std::exchange(doc_ids, TermTable());
    terms.clear();
    vocabulary.clear();
    slot_of_key.clear();
    total_length = {};
    live = 0;
    for (auto& s : old) {
      if (!s.live) continue;
      const auto doc_id = old_ids.text(s.key);
      add(std::move(s), doc_id);
    }
  }

  const std::vector<std::uint32_t>& dictionary() const {
    if (sorted_dirty) {
      sorted_terms.clear();
      for (std::uint32_t id = 0; id < terms.size(); ++id) {
        if (terms[id].live_df > 0) sorted_terms.push_back(id);
      }
      std::sort(sorted_terms.begin(), sorted_terms.end(), [this](std::uint32_t a, std::uint32_t b) {
        return vocabulary.text(a) < vocabulary.text(b);
      });
      typo_words.clear();
      std::vector<std::string_view> words;
      for (const auto id : sorted_terms) {
        const auto t = vocabulary.text(id);
        if (t.size() + 2 >= kMinTypoLength && is_word_term(t)) {
          typo_words.push_back(id);
          words.push_back(t);
        }
      }
      typos.build(std::move(words));
      sorted_dirty = false;
    }
    return sorted_terms;
  }

  const TermEntry* find(std::string_view term) const {
    const auto id = vocabulary.find(term);
    return id && terms[*id].live_df > 0 ? &terms[*id] : nullptr;
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
      std::vector<std::pair<const TermEntry*, std::string_view>> completions;
      auto it = std::lower_bound(dict.begin(), dict.end(), std::string_view(tok.term),
                                 [this](std::uint32_t id, std::string_view t) { return vocabulary.text(id) < t; });
      for (std::size_t n = 0; it != dict.end() && n < kMaxPrefixScan; ++it, ++n) {
        const auto text = vocabulary.text(*it);
        if (!text.starts_with(tok.term)) break;
        if (text != tok.term) completions.emplace_back(&terms[*it], text);
      }
      const std::size_t keep = std::min(completions.size(), kMaxPrefixExpansions);
      std::partial_sort(completions.begin(), completions.begin() + static_cast<std::ptrdiff_t>(keep),
                        completions.end(),
                        [](const auto& a, const auto& b) { return a.first->live_df > b.first->live_df; });
      for (std::size_t i = 0; i < keep; ++i) {
        slot.alternatives.emplace_back(completions[i].first, kPrefixWeight);
        slot.terms.emplace_back(completions[i].second);
      }
    }
    if (slot.alternatives.empty() && word && tok.term.size() >= kMinTypoLength) {
      const std::size_t max_distance = tok.term.size() >= 8 ? 2 : 1;
      dictionary();  // brings the typo matcher up to date
      for (auto w : typos.within(tok.term, max_distance)) {
        slot.alternatives.emplace_back(&terms[typo_words[w]], kTypoWeight);
        slot.terms.emplace_back(vocabulary.text(typo_words[w]));
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
    const auto& length = lengths[p.doc];
    double weighted_tf = 0;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (p.tf[f] == 0) continue;
      const double norm = avg[f] > 0 ? 1.0 - kB[f] + kB[f] * length[f] / avg[f] : 1.0;
      weighted_tf += kWeight[f] * p.tf[f] / norm;
    }
    return scaled_idf * weighted_tf / (kK1 + weighted_tf);
  }

  bool passes(const DocSlot& slot, const Query& q) const {
    if (!slot.live) return false;
    if (!q.locale.empty() && slot.locale() != q.locale) return false;
    if (!q.category.empty() && slot.category() != q.category) return false;
    return true;
  }
};

Index::Index() : impl_(std::make_unique<Impl>()) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

void Index::upsert(const Document& doc) {
  auto slot = pack(doc);
  if (auto old = impl_->slot_of(doc.id)) impl_->erase(*old);  // may compact: keys change
  impl_->add(std::move(slot), doc.id);
}

void Index::remove(std::string_view id) {
  if (auto old = impl_->slot_of(id)) impl_->erase(*old);
}

void Index::clear() { impl_ = std::make_unique<Impl>(); }

std::size_t Index::size() const noexcept { return impl_->live; }

void Index::shrink_to_fit() {
  Impl& ix = *impl_;
  for (auto& entry : ix.terms) entry.postings.shrink_to_fit();
  ix.terms.shrink_to_fit();
  ix.slots.shrink_to_fit();
  for (auto& slot : ix.slots) slot.text.shrink_to_fit();
  ix.alive.shrink_to_fit();
  ix.lengths.shrink_to_fit();
  ix.slot_of_key.shrink_to_fit();
  ix.vocabulary.shrink_to_fit();
  ix.doc_ids.shrink_to_fit();
  ix.dictionary();
}

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
  std::vector<std::uint32_t> touched, slot_touched, candidates;
  const bool filtered = !query.locale.empty() || !query.category.empty();
  const auto avg = ix.average_lengths();

  // MaxScore, term at a time: BM25F's tf part stays below 1, so a position can add at most
  // the largest weighted idf of its alternatives. Positions are taken rarest first; once the
  // positions left could not lift a document not yet seen above the k-th score so far, the
  // rest only update the documents already seen (jumping to them through the postings' skip
  // entries when they are few), and documents that cannot reach the k-th score any more are dropped.
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
        Posting p;
        for (auto reader = entry->postings.reader(); reader.next(p);) {
          if (!ix.alive[p.doc] || (filtered && !ix.passes(ix.slots[p.doc], query))) continue;
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
      candidates.assign(touched.begin(), touched.end());
      std::sort(candidates.begin(), candidates.end());
      for (const auto& [entry, weight] : slot.alternatives) {
        const double scaled_idf = weight * ix.idf(*entry);
        Posting p;
        auto reader = entry->postings.reader();
        if (candidates.size() * 16 < entry->postings.size()) {  // few candidates: jump to each
          for (auto doc : candidates) {
            if (!reader.seek(doc, p)) break;
            if (p.doc == doc) best[doc] = std::max(best[doc], ix.term_score(p, scaled_idf, avg));
          }
        } else {  // many: one pass, scoring only candidates (the only documents with a total)
          while (reader.next(p)) {
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
    return ix.doc_ids.text(ix.slots[a.first].key) < ix.doc_ids.text(ix.slots[b.first].key);
  };
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(k), ranked.end(), better);
  ranked.resize(k);
  // The totals of the top k are exact (MaxScore only drops documents outside it).
  auto share_of = [&](double score) { return ceiling > 0 ? std::min(1.0, score / ceiling) : 0.0; };
  std::erase_if(ranked, [&](const auto& r) { return share_of(r.second) < query.min_share; });

  std::unordered_set<std::uint64_t> matched;  // term hashes, as snippet tokens carry them
  if (query.snippets) {
    for (const auto& slot : slots) {
      for (const auto& term : slot.terms) matched.insert(snippet_term_hash(term));
    }
  }
  std::vector<Hit> hits;
  hits.reserve(k);
  for (const auto& [doc, score] : ranked) {
    const DocSlot& d = ix.slots[doc];
    std::string snippet;
    if (query.snippets) {
      const std::string_view text = d.body().empty() ? d.title() : d.body();
      snippet = make_snippet(text, ix.snippet_tokens_of(doc, text), matched);
    }
    hits.push_back({std::string(ix.doc_ids.text(d.key)), score, std::move(snippet), share_of(score)});
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
