#pragma once
// Attachments' files over HTTP (docs/protocol.md, "Attachments"), one transfer at a time on a
// thread of their own, never on the client's event loop. An upload goes in pieces; after a
// dropped link it asks the server how much arrived and goes on from there, with backoff,
// until done, refused for good, out of attempts, or cancelled. The file is read a piece at a
// time, as it is sent. A download lands in a file
// (written beside it, then renamed: a file there is always whole).
//
// What happens is reported as Events (attachment_progress, attachment_uploaded,
// attachment_downloaded) through `report`, called on the transfers' thread: hand them to
// your own.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <variant>

#include "parley/event.hpp"

namespace parley::client {

struct UploadJob {
  std::string upload_id;  // the app's handle (a client id)
  std::string file_path;
  std::string name;
  std::string content_type;
  std::string token;
  std::uint64_t tag = 0;
  std::string write_id;       // the write the file goes with ("" for none): its events' client_id
  std::string attachment_id;  // the server's upload, made in an earlier run: resumed, not made again
};

struct DownloadJob {
  std::string attachment_id;
  std::string target_path;
  std::string token;
  std::uint64_t tag = 0;
};

struct TransferSettings {
  std::string base_url;  // "http://host:port/v1/attachments"
  std::chrono::milliseconds timeout{15000};
  std::size_t piece_bytes = 256 * 1024;
  int max_attempts = 8;  // in a row without progress, before an upload fails `disconnected`
  std::chrono::milliseconds backoff_base{250};
  std::chrono::milliseconds backoff_cap{5000};
};

class FileTransfers {
 public:
  using Report = std::function<void(Event)>;

  FileTransfers(TransferSettings settings, Report report);
  ~FileTransfers();  // cancels what is queued or running and waits for the thread
  FileTransfers(const FileTransfers&) = delete;
  FileTransfers& operator=(const FileTransfers&) = delete;

  void upload(UploadJob job);
  void download(DownloadJob job);
  // Cancels a queued or running upload: its attachment_uploaded reply says `closed`
  // ("cancelled"). False if no such upload is waiting or running.
  bool cancel(const std::string& upload_id);

 private:
  using Job = std::variant<UploadJob, DownloadJob>;
  void run();
  void run_upload(const UploadJob& job);
  void run_download(const DownloadJob& job);
  bool cancelled(const std::string& upload_id);
  // Waits out a backoff delay; false if cancelled or stopping meanwhile.
  bool pause(const std::string& upload_id, int attempt);

  TransferSettings settings_;
  Report report_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  std::string running_upload_;
  std::atomic<bool> cancel_running_{false};
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace parley::client
