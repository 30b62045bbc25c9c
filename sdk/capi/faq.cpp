// FAQ: sync the catalogue to the device, search it there.
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
