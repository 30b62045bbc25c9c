#pragma once
// What the SDK says about itself and the device it runs on: the name hello sends, and the
// metadata every new ticket carries so that an agent sees where the user writes from.
#include <string>

#include "parley/types.hpp"

namespace parley::client {

std::string sdk_description();  // "parley-cpp/0.1.0"

// sdk, app, app_version (from Config::app "id/version"), platform, os, device, locale — each
// only when known. os and device come from the Config, or else from the system (uname).
TicketValues device_metadata(const Config& config);

}  // namespace parley::client
