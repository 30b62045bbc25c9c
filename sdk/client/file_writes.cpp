#include "client/file_writes.hpp"

#include <algorithm>
#include <filesystem>

#include "client/replies.hpp"

namespace parley::client {
namespace {

namespace fs = std::filesystem;

// What only pauses an upload: it resumes with the next session (a new token, the server
// back, the network back).
bool waits(ErrorCode code) {
  switch (code) {
    case ErrorCode::disconnected:
    case ErrorCode::timeout:
    case ErrorCode::unavailable:
    case ErrorCode::rate_limited:
    case ErrorCode::internal:
    case ErrorCode::unauthorized:
    case ErrorCode::token_expired:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string outgoing_dir(const std::string& files_dir) { return files_dir + "/outgoing"; }

FileWrites::FileWrites(store::Store& store, FileTransfers& transfers, std::string files_dir)
    : store_(store), transfers_(transfers), files_dir_(std::move(files_dir)) {
  std::error_code failed;
  const auto kept = store_.uploads().file_paths();
  for (const auto& entry : fs::directory_iterator(outgoing_dir(files_dir_), failed)) {
    const auto path = entry.path().string();
    if (std::find(kept.begin(), kept.end(), path) == kept.end()) fs::remove(entry.path(), failed);
  }
}

void FileWrites::add(const std::vector<store::StagedUpload>& files) {
  for (const auto& file : files) store_.uploads().add(file);
}

void FileWrites::resume(const std::string& token) {
  for (const auto& upload : store_.uploads().incomplete()) {
    if (running_.count(upload.upload_id) != 0) continue;
    const auto entry = store_.outbox().find(upload.write_id);
    if (!entry || !entry->held || entry->failed()) continue;
    UploadJob job;
    job.upload_id = upload.upload_id;
    job.file_path = upload.file_path;
    job.name = upload.name;
    job.content_type = upload.content_type;
    job.token = token;
    job.tag = entry->tag;
    job.write_id = upload.write_id;
    job.attachment_id = upload.attachment_id;
    running_.emplace(upload.upload_id, upload.attachment_id);
    transfers_.upload(std::move(job));
  }
}

FileWrites::Outcome FileWrites::on_transfer(Event event) {
  Outcome outcome;
  const std::string write_id = event.client_id;
  if (event.type == EventType::attachment_progress) {
    const auto running = running_.find(event.upload_id);
    if (running == running_.end()) return outcome;  // its write was cancelled meanwhile
    if (!event.attachment.id.empty() && event.attachment.id != running->second) {
      // Kept so that the next run resumes this upload rather than starting another.
      store_.uploads().set_attachment_id(event.upload_id, event.attachment.id);
      running->second = event.attachment.id;
    }
    outcome.events.push_back(std::move(event));
    return outcome;
  }
  running_.erase(event.upload_id);
  const auto upload = store_.uploads().find(event.upload_id);
  if (!upload) return outcome;  // its write was cancelled
  if (event.error.code == ErrorCode::ok) {
    store_.transaction([&] {
      store_.uploads().mark_complete(upload->upload_id, event.attachment.id);
      outcome.released = release_if_complete(write_id);
    });
    keep_in_cache(*upload, event.attachment.id);
    outcome.events.push_back(std::move(event));
    return outcome;
  }
  if (event.error.code == ErrorCode::closed || waits(event.error.code)) return outcome;
  // Refused for good: the write fails with the file's error; its other files stop.
  Error error = event.error;
  outcome.events.push_back(std::move(event));
  for (const auto& other : store_.uploads().of_write(write_id)) {
    if (running_.count(other.upload_id) != 0) transfers_.cancel(other.upload_id);
  }
  if (auto failed = fail_write(store_, write_id, std::move(error))) {
    outcome.events.push_back(std::move(*failed));
  }
  return outcome;
}

bool FileWrites::release_if_complete(const std::string& write_id) {
  const auto entry = store_.outbox().find(write_id);
  if (!entry || !entry->held || entry->failed()) return false;
  const auto files = store_.uploads().of_write(write_id);
  std::vector<std::string> ids;
  std::vector<Attachment> attachments;
  for (const auto& file : files) {
    if (!file.complete) return false;
    ids.push_back(file.attachment_id);
    attachments.push_back(Attachment{file.attachment_id, file.name, file.content_type, file.size,
                                     file.size, true, 0});
  }
  auto args = protocol::Json::parse(entry->args_json, nullptr, /*allow_exceptions=*/false);
  if (!args.is_object()) args = protocol::Json::object();  // sent as is: the server refuses it
  args["attachments"] = ids;
  store_.outbox().release(write_id, args.dump());
  store_.messages().set_pending_attachments(write_id, attachments);
  store_.uploads().remove_write(write_id);
  return true;
}

void FileWrites::keep_in_cache(const store::StagedUpload& upload, const std::string& attachment_id) {
  // The sender's copy is the attachment's file: download_attachment finds it there.
  std::error_code failed;
  fs::rename(upload.file_path, fs::path(files_dir_) / attachment_id, failed);
  if (failed) fs::remove(upload.file_path, failed);
}

void FileWrites::cancel(const std::string& write_id) {
  std::error_code failed;
  for (const auto& upload : store_.uploads().of_write(write_id)) {
    // Its remaining progress and its end are of a write that is gone: not for the app.
    if (running_.erase(upload.upload_id) != 0) transfers_.cancel(upload.upload_id);
    if (!upload.complete) fs::remove(upload.file_path, failed);
  }
  store_.uploads().remove_write(write_id);
}

}  // namespace parley::client
