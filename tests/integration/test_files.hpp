#pragma once
// Files for attachment tests: PNG-looking bytes of a given size, written into a temp dir and
// read back.
#include <fstream>
#include <iterator>
#include <string>

#include "../unit/sdk_temp_dir.hpp"

namespace parley::test {

inline std::string png_bytes(std::size_t size) {
  std::string bytes("\x89PNG\r\n\x1a\n", 8);
  for (std::size_t i = bytes.size(); i < size; ++i) bytes += static_cast<char>('a' + i % 26);
  return bytes;
}

inline std::string write_file(const SdkTempDir& dir, const std::string& name, const std::string& bytes) {
  const auto path = dir.file(name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace parley::test
