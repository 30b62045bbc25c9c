#include "storage/feedback.hpp"

namespace parley::server {

void FeedbackRepository::record(const std::string& principal_id, const std::string& article_id,
                                bool helpful, const std::string& client_id, std::int64_t now_ms) {
  auto st = db_.prepare(
      "INSERT INTO article_feedback (principal_id, article_id, helpful, client_id, created_at) "
      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (principal_id, article_id) DO UPDATE SET "
      "helpful = excluded.helpful, client_id = excluded.client_id, created_at = excluded.created_at");
  st.bind(1, principal_id).bind(2, article_id).bind(3, helpful ? 1 : 0).bind(4, client_id).bind(5, now_ms);
  st.run();
}

FeedbackCounts FeedbackRepository::counts(const std::string& article_id) {
  auto st = db_.prepare(
      "SELECT coalesce(sum(helpful), 0), count(*) - coalesce(sum(helpful), 0) "
      "FROM article_feedback WHERE article_id = ?");
  st.bind(1, article_id);
  st.step();
  return FeedbackCounts{st.column_int(0), st.column_int(1)};
}

}  // namespace parley::server
