#include "client/staged_files.hpp"

#include <filesystem>

#include "client/client_id.hpp"
#include "client/file_writes.hpp"

namespace parley::client {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxFiles = 10;  // the server's limit per message, comment or ticket
constexpr std::size_t kMaxNameBytes = 255;

}  // namespace

CheckedFile check_file(const LocalFile& file, const AnnouncedLimits& limits) {
  check_text("path", file.path, kMaxPathBytes, true);
  std::error_code failed;
  const auto size = fs::file_size(fs::path(file.path), failed);
  if (failed) throw Exception(ErrorCode::invalid_argument, "cannot read " + file.path + ": " + failed.message());
  CheckedFile checked;
  checked.path = file.path;
  checked.name = file.name.empty() ? fs::path(file.path).filename().string() : file.name;
  checked.content_type = file.content_type.empty() ? content_type_for(checked.name) : file.content_type;
  checked.size = static_cast<std::int64_t>(size);
  check_text("name", checked.name, kMaxNameBytes, true);
  check_attachment(checked.content_type, checked.size, limits);
  return checked;
}

std::vector<store::StagedUpload> stage_files(const std::vector<LocalFile>& files,
                                             const std::string& write_id,
                                             const std::string& files_dir,
                                             const AnnouncedLimits& limits) {
  if (files.size() > kMaxFiles) {
    throw Exception(ErrorCode::invalid_argument, "files: holds more than 10 files");
  }
  std::vector<CheckedFile> checked;
  for (const auto& file : files) checked.push_back(check_file(file, limits));

  std::vector<store::StagedUpload> staged;
  std::error_code failed;
  fs::create_directories(outgoing_dir(files_dir), failed);
  for (const auto& file : checked) {
    store::StagedUpload upload;
    upload.upload_id = new_client_id();
    upload.write_id = write_id;
    upload.position = static_cast<std::int64_t>(staged.size());
    upload.file_path = outgoing_dir(files_dir) + "/" + upload.upload_id;
    upload.name = file.name;
    upload.content_type = file.content_type;
    upload.size = file.size;
    failed.clear();
    const bool copied = fs::copy_file(file.path, upload.file_path, failed) &&
                        static_cast<std::int64_t>(fs::file_size(upload.file_path, failed)) == file.size;
    if (!copied) {
      const std::string why = failed ? failed.message() : "it changed while it was copied";
      unstage_files(staged);
      fs::remove(upload.file_path, failed);
      throw Exception(ErrorCode::invalid_argument, "cannot keep a copy of " + file.path + ": " + why);
    }
    staged.push_back(std::move(upload));
  }
  return staged;
}

void unstage_files(const std::vector<store::StagedUpload>& files) noexcept {
  std::error_code ignored;
  for (const auto& file : files) fs::remove(file.file_path, ignored);
}

std::vector<Attachment> placeholders(const std::vector<store::StagedUpload>& files) {
  std::vector<Attachment> out;
  for (const auto& file : files) {
    out.push_back(Attachment{file.upload_id, file.name, file.content_type, file.size, 0, false, 0});
  }
  return out;
}

}  // namespace parley::client
