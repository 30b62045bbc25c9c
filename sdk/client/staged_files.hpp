#pragma once
// Files from the device, checked on the app's thread before anything is queued: one of the
// server's announced types, within its size (argument_checks.hpp). Files sent with a write
// are copied beside the store here, so that the app may delete or change its own as soon as
// the call returns (file_writes.hpp uploads the copies).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "client/argument_checks.hpp"
#include "parley/types.hpp"
#include "store/upload_queue.hpp"

namespace parley::client {

struct CheckedFile {
  std::string path;
  std::string name;          // the file's own when not given
  std::string content_type;  // guessed from the name when not given
  std::int64_t size = 0;
};
// Throws Exception(invalid_argument) for a file that cannot be read or that the server would
// refuse.
CheckedFile check_file(const LocalFile& file, const AnnouncedLimits& limits);

// At most 10 files, each checked and copied into outgoing_dir(files_dir) under a fresh upload
// id. Throws Exception(invalid_argument), leaving no copy behind, if any cannot be taken.
std::vector<store::StagedUpload> stage_files(const std::vector<LocalFile>& files,
                                             const std::string& write_id,
                                             const std::string& files_dir,
                                             const AnnouncedLimits& limits);
// The copies of a write that could not be stored.
void unstage_files(const std::vector<store::StagedUpload>& files) noexcept;

// What a message shows of its files until they are on the server: their upload ids as ids.
std::vector<Attachment> placeholders(const std::vector<store::StagedUpload>& files);

}  // namespace parley::client
