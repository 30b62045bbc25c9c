#pragma once
// Small durable facts of the client: the sync cursors and whose data the store holds.
#include <cstdint>
#include <string>

#include "parley/types.hpp"
#include "sqlite/sqlite.hpp"

namespace parley::store {

class Meta {
 public:
  explicit Meta(sqlite::Database& db) : db_(db) {}

  std::int64_t last_seq();  // the seq of the last server event applied; 0 = none
  void set_last_seq(std::int64_t seq);
  std::int64_t faq_version();  // the catalogue version of the stored articles; 0 = none
  void set_faq_version(std::int64_t version);
  std::string faq_etag();  // the HTTP ETag of that version; "" when it came over the WebSocket
  void set_faq_etag(const std::string& etag);
  Author principal();  // empty id until the first welcome
  void set_principal(const Author& principal);
  // The server's ticket schema (the JSON of ticket.schema's result); "" until one came.
  std::string ticket_schema();
  void set_ticket_schema(const std::string& json);
  std::string server_id();  // the server database the view came from; "" until the first welcome
  void set_server_id(const std::string& id);

 private:
  std::string get(const char* key, const std::string& fallback);
  void put(const char* key, const std::string& value);
  std::int64_t get_int(const char* key);

  sqlite::Database& db_;
};

}  // namespace parley::store
