#include "client/files_dir.hpp"

#include <filesystem>
#include <random>
#include <stdexcept>
#include <system_error>

namespace parley::client {
namespace {

namespace fs = std::filesystem;

// A folder no one had: create_directory reports whether this call made it, so a name taken
// by anyone before (another client, a process gone that had this one's pid) is never shared.
std::string fresh_folder() {
  std::random_device entropy;
  const fs::path base = fs::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    const fs::path candidate =
        base / ("parley-files-" + std::to_string(entropy()) + "-" + std::to_string(entropy()));
    std::error_code failed;
    if (fs::create_directory(candidate, failed)) return candidate.string();
    if (failed) throw std::runtime_error("cannot make a folder for files in " + base.string() + ": " + failed.message());
  }
  throw std::runtime_error("cannot make a folder of its own for files in " + base.string());
}

}  // namespace

FilesDir::FilesDir(const std::string& store_path) {
  if (!store_path.empty() && store_path != ":memory:") {
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
