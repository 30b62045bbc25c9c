#pragma once
// The device's copy of tickets and their comments.
#include <optional>
#include <string>
#include <vector>

#include "parley/types.hpp"
#include "sqlite/sqlite.hpp"
#include "store/stored.hpp"

namespace parley::store {

class TicketCache {
 public:
  explicit TicketCache(sqlite::Database& db) : db_(db) {}

  Stored store_ticket(const Ticket& ticket);
  std::optional<Ticket> ticket(const std::string& id);
  std::vector<Ticket> tickets();  // every cached ticket, newest first
  Stored store_comment(const Comment& comment);
  std::vector<Comment> comments(const std::string& ticket_id);  // oldest first

  void clear();

 private:
  sqlite::Database& db_;
};

}  // namespace parley::store
