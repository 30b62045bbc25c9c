#pragma once
// Writes waiting for the server's acknowledgement, in the order they were made. An entry is
// added before its request is first sent and removed in the transaction that stores the
// server's answer, so a write survives crashes and restarts until it has taken effect.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite.hpp"

namespace parley::store {

struct OutboxEntry {
  std::string client_id;
  std::string op;         // the protocol op, e.g. "chat.send"
  std::string args_json;  // its args, client_id included
  std::uint64_t tag = 0;  // the app's tag, for the reply event
};

class Outbox {
 public:
  explicit Outbox(sqlite::Database& db) : db_(db) {}

  void append(const OutboxEntry& entry);  // throws on a duplicate client_id
  bool remove(const std::string& client_id);  // false if it was not there
  std::optional<OutboxEntry> find(const std::string& client_id);
  std::vector<OutboxEntry> entries();  // oldest first
  std::size_t size();
  void clear();

 private:
  sqlite::Database& db_;
};

}  // namespace parley::store
