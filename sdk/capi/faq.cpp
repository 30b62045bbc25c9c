// FAQ: sync the catalogue to the device, search it there, suggest from it, rate its articles.
#include "capi/arguments.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"

using parley::capi::deref;
using parley::capi::guard;
using parley::capi::string_arg;

PARLEY_API parley_status parley_faq_sync(parley_client* client, uint64_t tag) noexcept {
  return guard(__func__, [&] { deref(client, "client").client.sync_faq(tag); });
}

PARLEY_API parley_status parley_faq_search(parley_client* client, const char* query,
                                           size_t query_len, const char* locale,
                                           size_t locale_len, int32_t limit,
                                           uint64_t tag) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto text = string_arg(query, query_len, "query");
    const auto locale_filter = string_arg(locale, locale_len, "locale");
    c.client.search_faq(text, locale_filter, parley::capi::limit_arg(limit, 10, 50, "limit"), tag);
  });
}

PARLEY_API parley_status parley_faq_suggest(parley_client* client, const char* text,
                                            size_t text_len, const char* locale, size_t locale_len,
                                            int32_t limit, uint64_t tag) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto composed = string_arg(text, text_len, "text");
    const auto locale_filter = string_arg(locale, locale_len, "locale");
    c.client.suggest_articles(composed, locale_filter, parley::capi::limit_arg(limit, 3, 50, "limit"),
                              tag);
  });
}

PARLEY_API parley_status parley_faq_rate_article(parley_client* client, const char* article_id,
                                                 size_t article_id_len, int32_t helpful,
                                                 uint64_t tag, char* out_client_id) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    const auto id = string_arg(article_id, article_id_len, "article_id");
    if (helpful != 0 && helpful != 1) parley::capi::throw_invalid("helpful", "must be 0 or 1");
    parley::capi::copy_client_id(c.client.rate_article(id, helpful == 1, tag), out_client_id);
  });
}
