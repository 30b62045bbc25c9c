#include "client/sdk_info.hpp"

#include "parley/version.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <sys/utsname.h>
#define PARLEY_HAVE_UNAME 1
#endif

namespace parley::client {
namespace {

void put(TicketValues& values, const char* key, std::string value) {
  if (!value.empty()) values.emplace(key, std::move(value));
}

}  // namespace

std::string sdk_description() {
  return "parley-cpp/" + std::to_string(PARLEY_CPP_VERSION_MAJOR) + "." +
         std::to_string(PARLEY_CPP_VERSION_MINOR) + "." + std::to_string(PARLEY_CPP_VERSION_PATCH);
}

TicketValues device_metadata(const Config& config) {
  TicketValues values;
  put(values, "sdk", sdk_description());
  const auto slash = config.app.rfind('/');
  if (slash == std::string::npos) {
    put(values, "app", config.app);
  } else {
    put(values, "app", config.app.substr(0, slash));
    put(values, "app_version", config.app.substr(slash + 1));
  }
  put(values, "platform", config.platform);
  put(values, "locale", config.locale);
  std::string os = config.os;
  std::string device = config.device;
#ifdef PARLEY_HAVE_UNAME
  utsname system{};
  if ((os.empty() || device.empty()) && uname(&system) == 0) {
    if (os.empty()) os = std::string(system.sysname) + " " + system.release;
    if (device.empty()) device = system.machine;
  }
#endif
  put(values, "os", std::move(os));
  put(values, "device", std::move(device));
  return values;
}

}  // namespace parley::client
