#pragma once
// A private copy of the test FAQ folder (tests/support/faq) that a test may change between
// server starts; removed at the end.
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace parley::test {

namespace fs = std::filesystem;

class FaqCopy {
 public:
  FaqCopy() {
    std::string pattern = (fs::temp_directory_path() / "parley-faq-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    fs::copy(PARLEY_TEST_FAQ_DIR, dir_, fs::copy_options::recursive);
  }
  ~FaqCopy() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

}  // namespace parley::test
