#pragma once
// The shape of every "read the device's store into caller-owned JSON" call of parley.h:
// checks the handle and out-pointers, serializes what `read` returns, hands the caller a copy
// to release with parley_free().
#include <cstddef>
#include <string>

#include "capi/arguments.hpp"
#include "capi/event_json.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/strings.hpp"

namespace parley::capi {

template <typename Read>
parley_status cached_json(const char* function, parley_client* client, char** out_json,
                          std::size_t* out_len, Read read) noexcept {
  if (out_len != nullptr) *out_len = 0;
  return guard(function, [&] {
    auto& c = deref(client, "client");
    auto& result = deref(out_json, "out_json");
    result = nullptr;
    const std::string json = serialize(read(c.client));
    result = caller_owned_copy(json);
    if (out_len != nullptr) *out_len = json.size();
  });
}

}  // namespace parley::capi
