#pragma once
// Article feedback: whether an article answered the person who read it ("helpful" or "not
// helpful"), one vote per principal and article; a later vote replaces the earlier one.
#include <cstdint>
#include <string>

#include "sqlite/sqlite.hpp"

namespace parley::server {

struct FeedbackCounts {
  std::int64_t helpful = 0;
  std::int64_t not_helpful = 0;
};

class FeedbackRepository {
 public:
  explicit FeedbackRepository(sqlite::Database& db) : db_(db) {}

  // Records (or replaces) the principal's vote on the article. A resend of the same write
  // (same client_id) sets the same value again, so it needs no dedup of its own.
  void record(const std::string& principal_id, const std::string& article_id, bool helpful,
              const std::string& client_id, std::int64_t now_ms);
  FeedbackCounts counts(const std::string& article_id);

 private:
  sqlite::Database& db_;
};

}  // namespace parley::server
