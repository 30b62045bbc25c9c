#include "faq/faq_import.hpp"

#include <memory>

#include "common/clock.hpp"
#include "faq/faq_folder.hpp"
#include "storage/articles.hpp"
#include "storage/event_logs.hpp"

namespace parley::server {

FaqImport import_faq_folder(sqlite::Database& db, const std::string& dir) {
  auto folder = load_faq_folder(dir);
  ArticleRepository articles(db);
  EventLogRepository logs(db);

  FaqImport result;
  result.articles = folder.articles.size();
  result.problems = std::move(folder.problems);

  sqlite::Transaction tx(db);
  const std::int64_t new_version = articles.replace_all(folder.articles);
  result.changed = new_version != 0;
  result.version = result.changed ? new_version : articles.catalogue_version();
  if (result.changed) {
    const std::int64_t now = now_ms();
    const auto data = std::make_shared<const std::string>(protocol::Json{{"version", result.version}}.dump());
    for (const auto& log : logs.all_logs()) logs.append(log, "faq.changed", data, now);
  }
  tx.commit();
  return result;
}

}  // namespace parley::server
