#pragma once
// Receipts this device owes the server ("delivered" as messages arrive, "read" when the app
// says so), one per conversation and kind, coalesced to the newest message: however many
// messages arrive offline, one receipt each goes out when the link is back.
#include <cstdint>
#include <string>
#include <vector>

#include "sqlite/sqlite.hpp"

namespace parley::store {

struct OwedReceipt {
  std::string conversation_id;
  std::string kind;  // "delivered" or "read"
  std::string message_id;
  std::int64_t number = 0;  // the message id's numeric part
};

class ReceiptQueue {
 public:
  explicit ReceiptQueue(sqlite::Database& db) : db_(db) {}

  // Owes a receipt up to `message_id`, unless one as new or newer is owed already.
  void owe(const std::string& conversation_id, const std::string& kind,
           const std::string& message_id);
  std::vector<OwedReceipt> all();
  // The newest read receipt owed for a conversation (0 if none): it counts for unread at once.
  std::int64_t read_owed(const std::string& conversation_id);
  // The server has the receipt up to `number`: what it covers is no longer owed.
  void settle(const std::string& conversation_id, const std::string& kind, std::int64_t number);
  void forget(const std::string& conversation_id, const std::string& kind);
  void clear();

 private:
  sqlite::Database& db_;
};

}  // namespace parley::store
