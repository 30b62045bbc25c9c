#include "client/files_dir.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <system_error>

#include "parley/types.hpp"
#include "store/store.hpp"

namespace parley::client {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void cannot_make(const fs::path& base, const std::string& why) {
  // The device's storage, not the app's arguments, is at fault.
  throw Exception(ErrorCode::internal, "cannot make a folder for files in " + base.string() + ": " + why);
}

// A folder no one had (never one another client, or a process gone that had this one's pid,
// made), that only this user may read: the temporary directory is shared, and the files are
// the user's support attachments.
std::string fresh_folder() {
  std::error_code failed;
  const fs::path base = fs::temp_directory_path(failed);
  if (failed) cannot_make("the temporary directory", failed.message());
#if defined(__unix__) || defined(__APPLE__)
  std::string name = (base / "parley-files-XXXXXX").string();
  if (::mkdtemp(name.data()) == nullptr) cannot_make(base, std::strerror(errno));  // made 0700
  return name;
#else
  std::random_device entropy;
  for (int attempt = 0; attempt < 100; ++attempt) {
    const fs::path candidate =
        base / ("parley-files-" + std::to_string(entropy()) + "-" + std::to_string(entropy()));
    if (fs::create_directory(candidate, failed)) {  // true only if this call made it
      fs::permissions(candidate, fs::perms::owner_all, fs::perm_options::replace, failed);
      return candidate.string();
    }
    if (failed) cannot_make(base, failed.message());
  }
  cannot_make(base, "every name tried was taken");
#endif
}

}  // namespace

FilesDir::FilesDir(const std::string& store_path) {
  if (!store::in_memory(store_path)) {
    path_ = store_path + ".files";
    return;
  }
  path_ = fresh_folder();
  owned_ = true;
}

FilesDir::~FilesDir() {
  if (!owned_) return;
  std::error_code ignored;  // a destructor cannot fail: at worst a folder stays in the temp dir
  fs::remove_all(path_, ignored);
}

void forget_kept_files(const std::string& dir) {
  std::error_code failed;  // none yet, or unreadable: nothing kept can be served from it
  for (const auto& entry : fs::directory_iterator(dir, failed)) {
    std::error_code ignored;
    if (entry.is_regular_file(ignored)) fs::remove(entry.path(), ignored);
  }
}

}  // namespace parley::client
