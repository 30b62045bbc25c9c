#pragma once
// Where a client keeps attachments' files: downloads (by attachment id, not fetched again
// while the client's view of the server stands) and the files of writes waiting in
// outgoing/. Beside a store file (`<store>.files`), kept across runs with the store. A client
// whose store is in memory gets a folder of its own, made fresh (never one an earlier process
// left: its downloads would be served as this client's) and removed with the client, as the
// rest of an in-memory store is.
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

// Forgets the files kept in `dir` by attachment id (downloads, and uploads kept as such), for
// a store whose view of the server was reset (`resynced`): another user's, or one that now
// meets another server or a server whose history restarted, where those ids may name other
// files, or files this user may not read. The files of writes still waiting (outgoing/) stay.
void forget_kept_files(const std::string& dir);

}  // namespace parley::client
