#include "client/file_transfers.hpp"

#include <filesystem>
#include <fstream>

#include "client/http_errors.hpp"
#include "client/wire_values.hpp"
#include "transport/backoff.hpp"
#include "transport/http_call.hpp"

namespace parley::client {
namespace {

using protocol::Json;

Event reply(EventType type, std::uint64_t tag, Error error = {}) {
  Event event;
  event.type = type;
  event.tag = tag;
  event.error = std::move(error);
  return event;
}

transport::HttpCall call(const TransferSettings& settings, std::string method, std::string url,
                         const std::string& token, std::string body = {}) {
  transport::HttpCall c;
  c.method = std::move(method);
  c.url = std::move(url);
  c.body = std::move(body);
  c.timeout = settings.timeout;
  c.headers = {"Authorization: Bearer " + token};
  if (c.method == "POST") c.headers.emplace_back("Content-Type: application/json");
  if (c.method == "PUT") c.headers.emplace_back("Content-Type: application/octet-stream");
  return c;
}

// The attachment a successful (or a 409) answer carries.
std::optional<Attachment> attachment_in(const transport::HttpResult& result) {
  const Json body = Json::parse(result.body, nullptr, false);
  if (!body.is_object() || !body.contains("attachment")) return std::nullopt;
  try {
    return parse_attachment(body["attachment"]);
  } catch (const WireValueError&) {
    return std::nullopt;
  }
}

// `length` bytes of `file` from `offset`; nullopt if they cannot all be read.
std::optional<std::string> read_piece(std::ifstream& file, std::size_t offset, std::size_t length) {
  std::string piece(length, '\0');
  file.clear();
  file.seekg(static_cast<std::streamoff>(offset));
  file.read(piece.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::size_t>(file.gcount()) != length) return std::nullopt;
  return piece;
}

}  // namespace

FileTransfers::FileTransfers(TransferSettings settings, Report report)
    : settings_(std::move(settings)), report_(std::move(report)), thread_([this] { run(); }) {}

FileTransfers::~FileTransfers() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  cancel_running_ = true;
  wake_.notify_all();
  thread_.join();
}

void FileTransfers::upload(UploadJob job) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(std::move(job));
  }
  wake_.notify_all();
}

void FileTransfers::download(DownloadJob job) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(std::move(job));
  }
  wake_.notify_all();
}

bool FileTransfers::cancel(const std::string& upload_id) {
  std::unique_lock lock(mutex_);
  if (running_upload_ == upload_id) {
    cancel_running_ = true;
    lock.unlock();
    wake_.notify_all();
    return true;
  }
  for (auto it = queue_.begin(); it != queue_.end(); ++it) {
    const auto* job = std::get_if<UploadJob>(&*it);
    if (job == nullptr || job->upload_id != upload_id) continue;
    Event event = reply(EventType::attachment_uploaded, job->tag,
                        Error{ErrorCode::closed, "the upload was cancelled"});
    event.upload_id = upload_id;
    queue_.erase(it);
    lock.unlock();
    report_(std::move(event));
    return true;
  }
  return false;
}

bool FileTransfers::cancelled(const std::string& /*upload_id*/) { return cancel_running_.load(); }

bool FileTransfers::pause(const std::string& upload_id, int attempt) {
  transport::Backoff backoff(settings_.backoff_base, settings_.backoff_cap);
  for (int i = 0; i < attempt; ++i) backoff.next_delay();
  const auto delay = backoff.next_delay();
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, delay, [&] { return stopping_ || cancel_running_.load(); });
  return !stopping_ && !cancelled(upload_id);
}

void FileTransfers::run() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      cancel_running_ = false;
      if (const auto* upload = std::get_if<UploadJob>(&job)) running_upload_ = upload->upload_id;
    }
    if (const auto* upload = std::get_if<UploadJob>(&job)) {
      run_upload(*upload);
    } else {
      run_download(std::get<DownloadJob>(job));
    }
    std::lock_guard lock(mutex_);
    running_upload_.clear();
  }
}

void FileTransfers::run_upload(const UploadJob& job) {
  auto finish = [&](Error error, Attachment attachment = {}) {
    Event event = reply(EventType::attachment_uploaded, job.tag, std::move(error));
    event.upload_id = job.upload_id;
    event.client_id = job.write_id;
    event.attachment = std::move(attachment);
    report_(std::move(event));
  };
  auto progress = [&](const Attachment& attachment) {
    Event event = reply(EventType::attachment_progress, job.tag);
    event.upload_id = job.upload_id;
    event.client_id = job.write_id;
    event.attachment = attachment;
    report_(std::move(event));
  };
  std::ifstream file(job.file_path, std::ios::binary | std::ios::ate);
  if (!file) return finish(Error{ErrorCode::invalid_argument, "cannot read " + job.file_path});
  const auto size = static_cast<std::size_t>(file.tellg());

  // The server's record of the upload: made once, then only moved forward by its answers.
  std::optional<Attachment> attachment;
  int failures = 0;
  if (!job.attachment_id.empty()) {
    // Made in an earlier run: ask where it stands before sending anything.
    attachment = Attachment{job.attachment_id, job.name, job.content_type,
                            static_cast<std::int64_t>(size), 0, false, 0};
    failures = 1;
  }
  std::int64_t last_reported = -1;
  while (!attachment || !attachment->complete) {
    if (cancelled(job.upload_id)) return finish(Error{ErrorCode::closed, "the upload was cancelled"});
    transport::HttpResult result;
    if (!attachment) {
      const Json args{{"name", job.name}, {"content_type", job.content_type}, {"size", size}};
      result = transport::http_call(call(settings_, "POST", settings_.base_url, job.token, args.dump()),
                                    &cancel_running_);
    } else if (failures > 0) {
      // After a failure: where does the upload stand on the server?
      result = transport::http_call(
          call(settings_, "GET", settings_.base_url + "/" + attachment->id + "/status", job.token),
          &cancel_running_);
    } else {
      const auto offset = static_cast<std::size_t>(attachment->received);
      auto piece = offset <= size ? read_piece(file, offset, std::min(settings_.piece_bytes, size - offset))
                                  : std::nullopt;
      if (!piece) {
        return finish(Error{ErrorCode::invalid_argument, job.file_path + " changed while it was uploaded"});
      }
      const std::function<void(std::int64_t)> sending = [&](std::int64_t sent) {
        Attachment sofar = *attachment;
        sofar.received += sent;
        progress(sofar);
      };
      result = transport::http_call(
          call(settings_, "PUT", settings_.base_url + "/" + attachment->id + "?offset=" + std::to_string(offset),
               job.token, std::move(*piece)),
          &cancel_running_, &sending);
    }
    if (result.cancelled) return finish(Error{ErrorCode::closed, "the upload was cancelled"});
    const auto answered = attachment_in(result);
    const bool moved_on = (result.status == 200 || result.status == 201 || result.status == 409) && answered;
    if (!moved_on && result.status == 404 && failures > 0 && attachment &&
        attachment->id == job.attachment_id) {
      // The server no longer knows the upload of an earlier run (its database was replaced):
      // start it again.
      attachment.reset();
      failures = 0;
      continue;
    }
    if (!moved_on) {
      // A refusal for good ends the upload; a lost link or a busy server is tried again.
      if (result.status != 0 && result.status < 500 && result.status != 429) {
        return finish(http_error(result, "the upload"));
      }
      if (++failures > settings_.max_attempts) {
        return finish(Error{ErrorCode::disconnected, "the upload failed: " +
                                                         (result.failure.empty() ? "HTTP " + std::to_string(result.status)
                                                                                 : result.failure)});
      }
      if (!pause(job.upload_id, failures)) return finish(Error{ErrorCode::closed, "the upload was cancelled"});
      continue;
    }
    failures = 0;
    attachment = *answered;
    if (attachment->received != last_reported) {
      last_reported = attachment->received;
      progress(*attachment);
    }
  }
  finish(Error{}, *attachment);
}

void FileTransfers::run_download(const DownloadJob& job) {
  Event event = reply(EventType::attachment_downloaded, job.tag);
  event.attachment_id = job.attachment_id;
  transport::HttpCall get = call(settings_, "GET", settings_.base_url + "/" + job.attachment_id, job.token);
  const auto result = transport::http_call(get, &cancel_running_);
  if (result.status != 200) {
    event.error = result.status == 0 ? Error{ErrorCode::disconnected, "the download failed: " + result.failure}
                                     : http_error(result, "the download");
    report_(std::move(event));
    return;
  }
  // Written beside, then renamed: a cached file is always whole.
  const std::string partial = job.target_path + ".part";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out.write(result.body.data(), static_cast<std::streamsize>(result.body.size()));
    if (!out) {
      event.error = Error{ErrorCode::internal, "cannot write " + partial};
      report_(std::move(event));
      return;
    }
  }
  std::error_code failed;
  std::filesystem::rename(partial, job.target_path, failed);
  if (failed) {
    event.error = Error{ErrorCode::internal, "cannot keep " + job.target_path + ": " + failed.message()};
  } else {
    event.path = job.target_path;
  }
  report_(std::move(event));
}

}  // namespace parley::client
