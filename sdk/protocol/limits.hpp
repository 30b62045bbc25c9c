#pragma once
// Protocol limits (docs/protocol.md, section 8). The server announces its values in `welcome`;
// these are the defaults and the values in force before `welcome`.
#include <cstddef>
#include <cstdint>

namespace parley::protocol {

struct Limits {
  std::size_t max_frame_bytes = 65536;
  std::size_t max_text_bytes = 8192;
  std::size_t max_subject_bytes = 512;
  std::size_t max_batch = 100;
};

inline constexpr std::size_t kMaxIdBytes = 64;        // request id, client_id, principal id
inline constexpr std::size_t kMaxClientInfoBytes = 128;  // hello's sdk/app/platform/locale
inline constexpr std::int64_t kDefaultHeartbeatMs = 15000;
inline constexpr int kProtocolVersion = 1;
inline constexpr const char* kSubprotocol = "parley.v1";
inline constexpr const char* kPath = "/v1";

}  // namespace parley::protocol
