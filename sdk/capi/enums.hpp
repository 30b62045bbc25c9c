#pragma once
// The C enums of parley.h: conversions from the C++ API's enums, and their stable names.
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "parley/client.hpp"
#include "parley/parley.h"

namespace parley::capi {

// The integer a C caller passed as a parley.h enum. C lets any int travel in an enum, but in
// C++ loading a value outside the enumerators' range is undefined behaviour, so an enum
// argument is read by its bytes, never loaded as its enum type.
template <class Enum>
std::int64_t raw_value(const Enum& value) noexcept {
  std::underlying_type_t<Enum> raw;
  std::memcpy(&raw, &value, sizeof raw);
  return static_cast<std::int64_t>(raw);
}

parley_status status_of(ErrorCode code) noexcept;
parley_event_kind kind_of(EventType type) noexcept;
parley_connection_state connection_of(ConnectionState state) noexcept;

// The names used in JSON and by parley_status_name / parley_event_type_name, by raw value;
// nullptr for values outside the enum.
const char* status_name(std::int64_t status) noexcept;
const char* kind_name(std::int64_t kind) noexcept;
const char* connection_name(ConnectionState state) noexcept;
const char* delivery_name(DeliveryState state) noexcept;

}  // namespace parley::capi
