#pragma once
// The bytes of attachments: one file per attachment in a folder beside the database. A piece
// is on disk (fsync) before its upload is acknowledged, as a chat message is committed before
// its reply.
#include <cstdint>
#include <string>
#include <string_view>

namespace parley::server {

class AttachmentFiles {
 public:
  explicit AttachmentFiles(std::string dir);  // creates the folder if needed; throws if it cannot

  // Writes `bytes` at `offset` of the attachment's file and makes them durable. Throws
  // std::runtime_error on an I/O failure.
  void write_at(std::int64_t id, std::int64_t offset, std::string_view bytes) const;
  std::string path_of(std::int64_t id) const;  // read it from there, a piece at a time
  void remove(std::int64_t id) const noexcept;

 private:
  std::string dir_;
};

}  // namespace parley::server
