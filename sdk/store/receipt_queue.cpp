#include "store/receipt_queue.hpp"

#include "store/message_order.hpp"

namespace parley::store {

void ReceiptQueue::owe(const std::string& conversation_id, const std::string& kind,
                       const std::string& message_id) {
  db_.prepare("INSERT INTO receipts_out (conversation_id, kind, message_id, id_number) "
              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (conversation_id, kind) DO UPDATE SET "
              "message_id = excluded.message_id, id_number = excluded.id_number "
              "WHERE excluded.id_number > receipts_out.id_number")
      .bind(1, conversation_id)
      .bind(2, kind)
      .bind(3, message_id)
      .bind(4, message_number(message_id))
      .run();
}

std::vector<OwedReceipt> ReceiptQueue::all() {
  auto st = db_.prepare("SELECT conversation_id, kind, message_id, id_number FROM receipts_out "
                        "ORDER BY conversation_id, kind");
  std::vector<OwedReceipt> out;
  while (st.step()) {
    out.push_back(OwedReceipt{st.column_text(0), st.column_text(1), st.column_text(2),
                              st.column_int(3)});
  }
  return out;
}

std::int64_t ReceiptQueue::read_owed(const std::string& conversation_id) {
  auto st = db_.prepare(
      "SELECT id_number FROM receipts_out WHERE conversation_id = ? AND kind = 'read'");
  st.bind(1, conversation_id);
  return st.step() ? st.column_int(0) : 0;
}

void ReceiptQueue::settle(const std::string& conversation_id, const std::string& kind,
                          std::int64_t number) {
  db_.prepare("DELETE FROM receipts_out WHERE conversation_id = ? AND kind = ? AND id_number <= ?")
      .bind(1, conversation_id)
      .bind(2, kind)
      .bind(3, number)
      .run();
}

void ReceiptQueue::forget(const std::string& conversation_id, const std::string& kind) {
  db_.prepare("DELETE FROM receipts_out WHERE conversation_id = ? AND kind = ?")
      .bind(1, conversation_id)
      .bind(2, kind)
      .run();
}

void ReceiptQueue::clear() { db_.exec("DELETE FROM receipts_out"); }

}  // namespace parley::store
