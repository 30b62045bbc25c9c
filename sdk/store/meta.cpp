#include "store/meta.hpp"

namespace parley::store {

std::string Meta::get(const char* key, const std::string& fallback) {
  auto st = db_.prepare("SELECT value FROM meta WHERE key = ?");
  st.bind(1, key);
  return st.step() ? st.column_text(0) : fallback;
}

void Meta::put(const char* key, const std::string& value) {
  db_.prepare("INSERT INTO meta (key, value) VALUES (?, ?) "
              "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

std::int64_t Meta::get_int(const char* key) { return std::stoll(get(key, "0")); }

std::int64_t Meta::last_seq() { return get_int("last_seq"); }
void Meta::set_last_seq(std::int64_t seq) { put("last_seq", std::to_string(seq)); }
std::int64_t Meta::faq_version() { return get_int("faq_version"); }
void Meta::set_faq_version(std::int64_t version) { put("faq_version", std::to_string(version)); }
std::string Meta::faq_etag() { return get("faq_etag", ""); }
void Meta::set_faq_etag(const std::string& etag) { put("faq_etag", etag); }

Author Meta::principal() {
  return Author{get("principal_kind", ""), get("principal_id", ""), get("principal_name", "")};
}

std::string Meta::ticket_schema() { return get("ticket_schema", ""); }
void Meta::set_ticket_schema(const std::string& json) { put("ticket_schema", json); }

std::string Meta::server_id() { return get("server_id", ""); }
void Meta::set_server_id(const std::string& id) { put("server_id", id); }

void Meta::set_principal(const Author& principal) {
  put("principal_kind", principal.kind);
  put("principal_id", principal.id);
  put("principal_name", principal.name);
}

}  // namespace parley::store
