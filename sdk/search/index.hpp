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
};

struct Hit {
  std::string id;
  double score = 0;
  std::string snippet;  // a passage of the body (or title) with matches wrapped in « »;
                        // empty when the query asked for none
};

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
  std::vector<Hit> search(const Query& query) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley::search
