#include "attachments/attachment_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace parley::server {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

AttachmentFiles::AttachmentFiles(std::string dir) : dir_(std::move(dir)) {
  std::filesystem::create_directories(dir_);
}

std::string AttachmentFiles::path_of(std::int64_t id) const { return dir_ + "/" + std::to_string(id); }

void AttachmentFiles::write_at(std::int64_t id, std::int64_t offset, std::string_view bytes) const {
  const std::string path = path_of(id);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) fail("cannot open", path);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done,
                               static_cast<off_t>(offset + static_cast<std::int64_t>(done)));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      fail("cannot write", path);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail("cannot sync", path);
  }
  ::close(fd);
}

void AttachmentFiles::remove(std::int64_t id) const noexcept {
  std::error_code ignored;
  std::filesystem::remove(path_of(id), ignored);
}

}  // namespace parley::server
