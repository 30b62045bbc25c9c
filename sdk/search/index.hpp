#pragma once
// The FAQ full-text index, one engine for the SDK (offline search) and the server.
// Not thread-safe: owned by one thread (the client's thread, or the server's loop).
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace parley::search {

struct Document {
  std::string id;
  std::string locale;
  std::string category;
  std::string title;
  std::string body;
  std::vector<std::string> tags;
};

struct Query {
  std::string text;
  std::string locale;    // empty = any
  std::string category;  // empty = any
  std::size_t limit = 10;
  bool prefix_last = true;  // search-as-you-type: the last term also matches as a prefix
  // Snippets are most of a search's cost (the article text is read again around the
  // matches); a caller that shows only titles, or ranks candidates, leaves them out.
  bool snippets = true;
  // Leave out hits whose share (below) is less than this: 0 keeps every match. Suggestions
  // use it so that a text that says little gets no suggestion rather than a poor one.
  double min_share = 0;
};

struct Hit {
  std::string id;
  double score = 0;
  std::string snippet;  // a passage of the body (or title) with matches wrapped in « »;
                        // empty when the query asked for none
  // How much of what the query says this document matches, from 0 to 1: its score over the
  // most any document could score (every query term matched as strongly as BM25F allows; a
  // word no article has counts as a rare term, unless it is an English function word), so
  // rare words count for more than common ones. Comparable across queries.
  double share = 0;
};

// What a composer suggests while someone writes a ticket or a chat message, and what the bot
// answers a first message with: the whole text as a query, and only articles that match at
// least kSuggestMinShare of it. On the judged sets (search_bench, "Suggestions") this bar
// keeps 92-98% of the right first answers and drops 81-99% of the first answers to questions
// the catalogue cannot answer (the other sets' questions).
inline constexpr double kSuggestMinShare = 0.25;
Query suggestion_query(std::string text, std::string locale, std::size_t limit);

class Index {
 public:
  Index();
  ~Index();
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;

  void upsert(const Document& doc);  // add, or replace the document with the same id
  void remove(std::string_view id);
  void clear();
  std::size_t size() const noexcept;
  // After loading many documents at once: gives back the room growing left unused and
  // readies the prefix and typo dictionaries (which the first search would do otherwise).
  void shrink_to_fit();
  std::vector<Hit> search(const Query& query) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley::search
