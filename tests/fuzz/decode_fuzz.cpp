// libFuzzer target for the frame decoders (sdk/protocol/frame.hpp): whatever the bytes, decoding
// returns a request or a typed error (never crashes, never throws), and anything decoded
// re-encodes to a frame that decodes to the same thing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "protocol/frame.hpp"
#include "protocol/utf8.hpp"

namespace pp = parley::protocol;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view frame(reinterpret_cast<const char*>(data), size);

  auto req = pp::decode_request(frame, 65536);
  if (auto* r = std::get_if<pp::Request>(&req)) {
    auto again = pp::decode_request(pp::encode(*r), SIZE_MAX);
    auto* r2 = std::get_if<pp::Request>(&again);
    if (!r2 || r2->id != r->id || r2->op != r->op || r2->args != r->args) std::abort();
  } else {
    const auto& err = std::get<pp::ErrorReply>(req);
    if (!pp::is_valid_utf8(pp::encode(err))) std::abort();
  }

  auto server = pp::decode_server_frame(frame);
  if (auto* f = std::get_if<pp::ServerFrame>(&server)) {
    std::visit([](const auto& x) { (void)pp::encode(x); }, *f);
  }
  return 0;
}
