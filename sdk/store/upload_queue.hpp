#pragma once
// Files sent with a write (a message, a comment, a ticket), from the moment the write is made
// until the server has them all: the write waits in the outbox, held, and goes out with their
// attachment ids once the last one is complete. Each file is a copy kept beside the store, so
// an upload survives the app deleting its file and the app being killed: it resumes, from the
// bytes the server has, in the next run.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite/sqlite.hpp"

namespace parley::store {

struct StagedUpload {
  std::string upload_id;      // a client id: the app's handle in progress events
  std::string write_id;       // the client id of the outbox write it goes with
  std::int64_t position = 0;  // its place among the write's files
  std::string file_path;      // the copy beside the store
  std::string name;
  std::string content_type;
  std::int64_t size = 0;
  std::string attachment_id;  // the server's, once it made one ("" before)
  bool complete = false;
};

class UploadQueue {
 public:
  explicit UploadQueue(sqlite::Database& db) : db_(db) {}

  void add(const StagedUpload& upload);
  std::optional<StagedUpload> find(const std::string& upload_id);
  std::vector<StagedUpload> of_write(const std::string& write_id);  // in their order
  std::vector<StagedUpload> incomplete();                           // every write's, oldest first
  void set_attachment_id(const std::string& upload_id, const std::string& attachment_id);
  void mark_complete(const std::string& upload_id, const std::string& attachment_id);
  void remove_write(const std::string& write_id);
  std::vector<std::string> file_paths();  // of every file waiting

 private:
  sqlite::Database& db_;
};

}  // namespace parley::store
