// parley_config: the client's settings, an opaque object with setters.
#include <chrono>
#include <memory>

#include "capi/arguments.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"

namespace {

using parley::capi::deref;
using parley::capi::guard;
using parley::capi::string_arg;

// All the string setters: the same checks, then one field of parley::Config.
parley_status set_string(const char* function, parley_config* config,
                         std::string parley::Config::*field, const char* data,
                         std::size_t length, const char* argument) noexcept {
  return guard(function, [&] {
    auto& cfg = deref(config, "config");
    cfg.config.*field = std::string(string_arg(data, length, argument));
  });
}

}  // namespace

PARLEY_API parley_status parley_config_new(parley_config** out) noexcept {
  return guard(__func__, [&] {
    auto& result = deref(out, "out");
    result = nullptr;
    result = new parley_config();
  });
}

PARLEY_API void parley_config_free(parley_config* config) noexcept { delete config; }

PARLEY_API parley_status parley_config_set_server_url(parley_config* config, const char* url,
                                                      size_t url_len) noexcept {
  return set_string(__func__, config, &parley::Config::server_url, url, url_len, "url");
}

PARLEY_API parley_status parley_config_set_token(parley_config* config, const char* token,
                                                 size_t token_len) noexcept {
  return set_string(__func__, config, &parley::Config::token, token, token_len, "token");
}

PARLEY_API parley_status parley_config_set_store_path(parley_config* config, const char* path,
                                                      size_t path_len) noexcept {
  return set_string(__func__, config, &parley::Config::store_path, path, path_len, "path");
}

PARLEY_API parley_status parley_config_set_app(parley_config* config, const char* app,
                                               size_t app_len) noexcept {
  return set_string(__func__, config, &parley::Config::app, app, app_len, "app");
}

PARLEY_API parley_status parley_config_set_platform(parley_config* config, const char* platform,
                                                    size_t platform_len) noexcept {
  return set_string(__func__, config, &parley::Config::platform, platform, platform_len,
                    "platform");
}

PARLEY_API parley_status parley_config_set_locale(parley_config* config, const char* locale,
                                                  size_t locale_len) noexcept {
  return set_string(__func__, config, &parley::Config::locale, locale, locale_len, "locale");
}

PARLEY_API parley_status parley_config_set_device(parley_config* config, const char* os,
                                                  size_t os_len, const char* device,
                                                  size_t device_len) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(config, "config");
    const auto os_text = string_arg(os, os_len, "os");
    const auto device_text = string_arg(device, device_len, "device");
    c.config.os = std::string(os_text);
    c.config.device = std::string(device_text);
  });
}

PARLEY_API parley_status parley_config_set_faq_url(parley_config* config, const char* url,
                                                   size_t url_len) noexcept {
  return set_string(__func__, config, &parley::Config::faq_url, url, url_len, "url");
}

PARLEY_API parley_status parley_config_set_request_timeout_ms(parley_config* config,
                                                              int64_t timeout_ms) noexcept {
  return guard(__func__, [&] {
    auto& cfg = deref(config, "config");
    cfg.config.request_timeout =
        std::chrono::milliseconds(parley::capi::milliseconds_arg(timeout_ms, "timeout_ms"));
  });
}

PARLEY_API parley_status parley_config_set_reconnect_backoff_ms(parley_config* config,
                                                                int64_t base_ms,
                                                                int64_t cap_ms) noexcept {
  return guard(__func__, [&] {
    auto& cfg = deref(config, "config");
    const auto base = parley::capi::milliseconds_arg(base_ms, "base_ms");
    const auto cap = parley::capi::milliseconds_arg(cap_ms, "cap_ms");
    if (cap < base) parley::capi::throw_invalid("cap_ms", "must not be less than base_ms");
    cfg.config.reconnect_base = std::chrono::milliseconds(base);
    cfg.config.reconnect_cap = std::chrono::milliseconds(cap);
  });
}
