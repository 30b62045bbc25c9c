#include "client/faq_sync.hpp"

#include "client/wire_values.hpp"

namespace parley::client {
namespace {

std::string parse_id(const Json& json) {
  if (!json.is_string() || json.get_ref<const std::string&>().empty()) {
    throw WireValueError("\"deleted\" must hold article ids");
  }
  return json.get<std::string>();
}

}  // namespace

Event apply_faq_sync(store::Store& store, FaqLibrary& library, std::int64_t since_version,
                     const protocol::Json& result, const std::string& etag) {
  const auto articles = parse_list(result, "articles", &parse_article);
  const auto deleted = parse_list(result, "deleted", &parse_id);
  const std::int64_t version = integer_field(result, "version");
  const bool replace_all = since_version == 0 || version < since_version;

  store.transaction([&] {
    if (replace_all) store.articles().clear();
    for (const auto& a : articles) store.articles().store(a);
    for (const auto& id : deleted) store.articles().remove(id);
    store.meta().set_faq_version(version);
    store.meta().set_faq_etag(etag);
  });
  if (replace_all) {
    library.replace_all(store.articles().all());
  } else {
    for (const auto& a : articles) library.upsert(a);
    for (const auto& id : deleted) library.remove(id);
  }

  Event event;
  event.type = EventType::faq_synced;
  event.count = static_cast<std::int64_t>(articles.size() + deleted.size());
  event.version = version;
  return event;
}

}  // namespace parley::client
