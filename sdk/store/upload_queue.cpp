#include "store/upload_queue.hpp"

namespace parley::store {
namespace {

constexpr const char* kColumns =
    "upload_id, write_id, position, file_path, name, content_type, size, attachment_id, complete";

StagedUpload read_upload(const sqlite::Statement& st) {
  StagedUpload u;
  u.upload_id = st.column_text(0);
  u.write_id = st.column_text(1);
  u.position = st.column_int(2);
  u.file_path = st.column_text(3);
  u.name = st.column_text(4);
  u.content_type = st.column_text(5);
  u.size = st.column_int(6);
  u.attachment_id = st.column_text(7);
  u.complete = st.column_int(8) != 0;
  return u;
}

std::vector<StagedUpload> read_all(sqlite::Statement& st) {
  std::vector<StagedUpload> out;
  while (st.step()) out.push_back(read_upload(st));
  return out;
}

}  // namespace

void UploadQueue::add(const StagedUpload& u) {
  db_.prepare(
         "INSERT INTO uploads (upload_id, write_id, position, file_path, name, content_type, size, "
         "attachment_id, complete) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, u.upload_id)
      .bind(2, u.write_id)
      .bind(3, u.position)
      .bind(4, u.file_path)
      .bind(5, u.name)
      .bind(6, u.content_type)
      .bind(7, u.size)
      .bind(8, u.attachment_id)
      .bind(9, static_cast<std::int64_t>(u.complete ? 1 : 0))
      .run();
}

std::optional<StagedUpload> UploadQueue::find(const std::string& upload_id) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns + " FROM uploads WHERE upload_id = ?");
  st.bind(1, upload_id);
  if (!st.step()) return std::nullopt;
  return read_upload(st);
}

std::vector<StagedUpload> UploadQueue::of_write(const std::string& write_id) {
  auto st = db_.prepare(std::string("SELECT ") + kColumns +
                        " FROM uploads WHERE write_id = ? ORDER BY position");
  st.bind(1, write_id);
  return read_all(st);
}

std::vector<StagedUpload> UploadQueue::incomplete() {
  auto st = db_.prepare(std::string("SELECT ") + kColumns +
                        " FROM uploads WHERE complete = 0 ORDER BY rowid");
  return read_all(st);
}

void UploadQueue::set_attachment_id(const std::string& upload_id, const std::string& attachment_id) {
  db_.prepare("UPDATE uploads SET attachment_id = ? WHERE upload_id = ?")
      .bind(1, attachment_id)
      .bind(2, upload_id)
      .run();
}

void UploadQueue::mark_complete(const std::string& upload_id, const std::string& attachment_id) {
  db_.prepare("UPDATE uploads SET attachment_id = ?, complete = 1 WHERE upload_id = ?")
      .bind(1, attachment_id)
      .bind(2, upload_id)
      .run();
}

void UploadQueue::remove_write(const std::string& write_id) {
  db_.prepare("DELETE FROM uploads WHERE write_id = ?").bind(1, write_id).run();
}

std::vector<std::string> UploadQueue::file_paths() {
  auto st = db_.prepare("SELECT file_path FROM uploads");
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.column_text(0));
  return out;
}

}  // namespace parley::store
