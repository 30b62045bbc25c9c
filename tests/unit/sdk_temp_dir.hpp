#pragma once
// A fresh directory under the system's temp dir, removed with everything in it at scope exit.
#include <filesystem>
#include <random>
#include <string>

namespace parley::test {

class SdkTempDir {
 public:
  SdkTempDir() {
    std::random_device entropy;
    path_ = std::filesystem::temp_directory_path() /
            ("parley-sdk-test-" + std::to_string(entropy()) + std::to_string(entropy()));
    std::filesystem::create_directories(path_);
  }
  ~SdkTempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  SdkTempDir(const SdkTempDir&) = delete;
  SdkTempDir& operator=(const SdkTempDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace parley::test
