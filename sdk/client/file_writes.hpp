#pragma once
// Writes that carry files from the device (send_message_with_files, add_comment_with_files,
// TicketDraft::files), on the client's thread. The write waits in the outbox, held, while its
// files upload (store/upload_queue.hpp); when the last one is on the server it is released
// with their attachment ids and goes out like any write. A file the server refuses for good
// fails the write (retry or cancel it, like a refused write); a lost link, a server that is
// down or a token to renew only pause the upload, which resumes on the next session, on a
// network change and in the next run of the app.
#include <map>
#include <string>
#include <vector>

#include "client/file_transfers.hpp"
#include "parley/event.hpp"
#include "store/store.hpp"

namespace parley::client {

// The copies of the app's files are kept here until the server has them.
std::string outgoing_dir(const std::string& files_dir);

class FileWrites {
 public:
  // Removes copies no waiting upload names (left by a write that was never stored).
  FileWrites(store::Store& store, FileTransfers& transfers, std::string files_dir);

  // In the write's own transaction: its files, held with it.
  void add(const std::vector<store::StagedUpload>& files);
  // Hands every waiting file of a write that may go out to the transfers, unless it is
  // there already.
  void resume(const std::string& token);

  struct Outcome {
    std::vector<Event> events;  // for the app, in order
    bool released = false;      // a write is ready: send the outbox
  };
  // An event of the transfers about a file of a write (its client_id is the write's).
  Outcome on_transfer(Event event);

  // The write is being cancelled: stop its uploads, forget its files. Call within the
  // transaction that removes the write.
  void cancel(const std::string& write_id);
  // Releases a held write (not failed) whose files are all on the server, with their ids;
  // true if it did. Within a transaction.
  bool release_if_complete(const std::string& write_id);

 private:
  void keep_in_cache(const store::StagedUpload& upload, const std::string& attachment_id);

  store::Store& store_;
  FileTransfers& transfers_;
  std::string files_dir_;
  // Uploads handed to the transfers and not finished, with the server's attachment id as far
  // as the store knows it: progress events need no read of the store.
  std::map<std::string, std::string> running_;
};

}  // namespace parley::client
