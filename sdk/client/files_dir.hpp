#pragma once
// Where a client keeps attachments' files: downloads (by attachment id, never fetched again)
// and the files of writes waiting in outgoing/. Beside a store file (`<store>.files`), kept
// across runs with the store. A client whose store is in memory gets a folder of its own,
// made fresh (never one an earlier process left: its downloads would be served as this
// client's) and removed with the client, as the rest of an in-memory store is.
#include <string>

namespace parley::client {

class FilesDir {
 public:
  explicit FilesDir(const std::string& store_path);
  ~FilesDir();
  FilesDir(const FilesDir&) = delete;
  FilesDir& operator=(const FilesDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  bool owned_ = false;  // made for this client: removed with it
};

}  // namespace parley::client
