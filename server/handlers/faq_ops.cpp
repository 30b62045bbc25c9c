#include "handlers/faq_ops.hpp"

#include <limits>

#include "common/clock.hpp"
#include "handlers/views.hpp"
#include "protocol/args.hpp"

namespace parley::server {
namespace {

using protocol::Json;

std::string locale_arg(Call& call) {
  const auto locale =
      protocol::text_arg(call.args, "locale", {protocol::kMaxClientInfoBytes, false, false});
  return call.services.catalogue.resolve_locale(locale.value_or(""));
}

}  // namespace

Json faq_changes(Services& services, std::int64_t since_version, const std::string& locale) {
  auto& articles = services.articles;
  // A version from the future means the server's catalogue was reset: start over.
  if (since_version > articles.catalogue_version()) since_version = 0;
  const auto changes = articles.changes_since(since_version, locale);

  Json list = Json::array();
  for (const auto& a : changes.articles) list.push_back(article_json(a));
  return {{"articles", std::move(list)}, {"deleted", changes.deleted}, {"version", changes.version}};
}

Outcome handle_faq_sync(Call& call) {
  const auto since = static_cast<std::int64_t>(protocol::uint_arg(
      call.args, "since_version", 0, 0, std::numeric_limits<std::int64_t>::max()));
  return reply_with(faq_changes(call.services, since, locale_arg(call)));
}

Outcome handle_faq_search(Call& call) {
  const auto text = *protocol::text_arg(
      call.args, "query", {call.services.settings.limits.max_text_bytes, true, true});
  const std::string locale = locale_arg(call);
  const auto limit = protocol::uint_arg(call.args, "limit", 10, 1, 50);

  Json hits = Json::array();
  for (const auto& hit : call.services.catalogue.search(text, locale, limit)) {
    hits.push_back({{"article", article_json(*hit.article)},
                    {"score", hit.score},
                    {"snippet", hit.snippet}});
  }
  return reply_with({{"hits", std::move(hits)}});
}

Outcome handle_faq_feedback(Call& call) {
  call.require_user();
  const auto client_id = *protocol::id_arg(call.args, "client_id");
  const auto article_id = *protocol::id_arg(call.args, "article_id");
  const bool helpful = protocol::bool_arg(call.args, "helpful");
  if (!call.services.articles.is_live(article_id)) {
    throw RequestError(protocol::ErrorCode::not_found, "article \"" + article_id + "\" not found");
  }
  auto& feedback = call.services.feedback;
  feedback.record(call.principal().id, article_id, helpful, client_id, now_ms());
  const auto counts = feedback.counts(article_id);
  return reply_with({{"feedback",
                      {{"article_id", article_id},
                       {"helpful", helpful},
                       {"helpful_count", counts.helpful},
                       {"not_helpful_count", counts.not_helpful}}}});
}

}  // namespace parley::server
