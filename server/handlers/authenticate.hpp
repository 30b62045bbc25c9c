#pragma once
// Who a token belongs to: shared by `hello` on the WebSocket and the HTTP endpoints.
#include <string>

#include "auth/principal.hpp"
#include "handlers/services.hpp"

namespace parley::server {

// Throws RequestError (unauthorized or token_expired) unless the token is genuine and current.
Principal authenticate(const Services& services, const std::string& token);

}  // namespace parley::server
