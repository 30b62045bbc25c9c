#include "disk_floor.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace parley::bench {

Latency measure_flush(int rounds) {
  std::string path = (std::filesystem::temp_directory_path() / "parley-flush-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("disk floor: cannot create a file in the temporary directory");
  unlink(path.c_str());  // gone when closed
  const std::vector<char> page(4096, 'x');
  std::vector<double> flushes;
  for (int i = 0; i < rounds; ++i) {
    // Appended, as a write-ahead log grows: the flush has data and the file's size to store.
    if (write(fd, page.data(), page.size()) != static_cast<ssize_t>(page.size())) break;
    const auto start = Clock::now();
    if (fdatasync(fd) != 0) break;
    flushes.push_back(micros_between(start, Clock::now()));
  }
  close(fd);
  if (flushes.size() != static_cast<std::size_t>(rounds)) throw std::runtime_error("disk floor: a write or flush failed");
  return percentiles(flushes);
}

}  // namespace parley::bench
