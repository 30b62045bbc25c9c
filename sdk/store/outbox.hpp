#pragma once
// Writes waiting for the server's acknowledgement, in the order they were made. An entry is
// added before its request is first sent and removed in the transaction that stores the
// server's answer, so a write survives crashes and restarts until it has taken effect. A write
// the server refused for good stays, marked failed, until the app retries or cancels it. A
// write sent with files from the device is held while they upload (store/upload_queue.hpp),
// then released with their attachment ids, at the end of the line.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite.hpp"

namespace parley::store {

struct OutboxEntry {
  std::string client_id;
  std::string op;            // the protocol op, e.g. "chat.send"
  std::string args_json;     // its args, client_id included
  std::uint64_t tag = 0;     // the app's tag, for the reply event
  std::int64_t position = 0;  // send order; set by append()
  std::string principal_id;  // who wrote it, as the token said; "" if not known
  std::string failed_code;   // the refusal's error code ("" while queued)
  std::string failed_message;
  bool held = false;         // waits for its files to upload

  bool failed() const noexcept { return !failed_code.empty(); }
};

class Outbox {
 public:
  explicit Outbox(sqlite::Database& db) : db_(db) {}

  std::int64_t append(const OutboxEntry& entry);  // its position; throws on a duplicate client_id
  bool remove(const std::string& client_id);      // false if it was not there
  std::optional<OutboxEntry> find(const std::string& client_id);
  // Entries ready to send (neither failed nor held) after `position`, oldest first, at most
  // `limit`.
  std::vector<OutboxEntry> queued_after(std::int64_t position, std::size_t limit);
  std::vector<OutboxEntry> queued();  // every queued entry, held ones included, oldest first
  std::size_t size();                 // queued entries, held ones included
  void mark_failed(const std::string& client_id, const std::string& code,
                   const std::string& message);
  // A failed entry queued again, at the end of the line. False if there is no failed entry.
  bool requeue(const std::string& client_id);
  // A held entry made ready with its final args, at the end of the line. False if there is
  // no held entry.
  bool release(const std::string& client_id, const std::string& args_json);

 private:
  sqlite::Database& db_;
};

}  // namespace parley::store
