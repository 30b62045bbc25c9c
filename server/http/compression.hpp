#pragma once
// Content-Encoding: gzip for the clients that accept it. JSON catalogues shrink 4-8×, which
// is what a phone on a slow link waits for.
#include <string>
#include <string_view>

#include "http/http_message.hpp"

namespace parley::server {

// Whether an Accept-Encoding value admits gzip (named, or "*", without "q=0").
bool accepts_gzip(std::string_view accept_encoding);

std::string gzip(std::string_view data);

// Compresses the body when the request accepts gzip and the body is worth it (≥ 1 KiB);
// every response that could be compressed says "Vary: Accept-Encoding". Leaves shared bodies
// alone (their endpoint chose).
void compress_if_accepted(const HttpRequest& request, HttpResponse& response);
inline constexpr std::size_t kMinCompressedBytes = 1024;

}  // namespace parley::server
