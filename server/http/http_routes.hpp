#pragma once
// Which endpoint answers an HTTP request. Every failure becomes a typed JSON error response;
// nothing thrown leaves here.
#include "handlers/services.hpp"
#include "http/http_message.hpp"

namespace parley::server {

// The response before compression (see compress_if_accepted).
HttpResponse route_http(const HttpRequest& request, Services& services) noexcept;

}  // namespace parley::server
