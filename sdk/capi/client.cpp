// parley_client: lifetime, token, network hints, wake-up callback, outbox.
#include <memory>
#include <utility>

#include "capi/arguments.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"

using parley::capi::deref;
using parley::capi::guard;
using parley::capi::string_arg;

PARLEY_API parley_status parley_client_create(parley_client** out, parley_config* config) noexcept {
  const std::unique_ptr<parley_config> owned(config);  // consumed on every path
  return guard(__func__, [&] {
    auto& result = deref(out, "out");
    result = nullptr;
    auto& cfg = deref(owned.get(), "config");
    result = new parley_client(std::move(cfg.config));
  });
}

PARLEY_API void parley_client_free(parley_client* client) noexcept {
  // ~Client joins the client's thread; nothing in it throws (destructors are noexcept).
  delete client;
}

PARLEY_API parley_status parley_client_set_token(parley_client* client, const char* token,
                                                 size_t token_len) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    c.client.set_token(std::string(string_arg(token, token_len, "token")));
  });
}

PARLEY_API parley_status parley_network_changed(parley_client* client) noexcept {
  return guard(__func__, [&] { deref(client, "client").client.network_changed(); });
}

PARLEY_API parley_status parley_set_foreground(parley_client* client, int foreground) noexcept {
  return guard(__func__, [&] { deref(client, "client").client.set_foreground(foreground != 0); });
}

PARLEY_API parley_status parley_outbox_size(parley_client* client, size_t* out) noexcept {
  return guard(__func__, [&] {
    auto& c = deref(client, "client");
    auto& result = deref(out, "out");
    result = c.client.outbox_size();
  });
}

PARLEY_API parley_status parley_client_set_wakeup(parley_client* client, parley_wakeup_fn fn,
                                                  void* user_data,
                                                  parley_free_fn free_user_data) noexcept {
  return guard(__func__, [&] {
    // Owns user_data from here on (if this constructor throws, it has already called the
    // deleter): every path, failures included, ends with free_user_data called exactly once,
    // after the last call of fn.
    const std::shared_ptr<void> owned(user_data, [free_user_data](void* data) {
      if (free_user_data != nullptr) free_user_data(data);
    });
    auto& c = deref(client, "client");
    if (fn == nullptr) {
      c.client.set_wakeup({});
      return;
    }
    c.client.set_wakeup([fn, owned] { fn(owned.get()); });
  });
}
