#pragma once
// The FAQ catalogue over HTTP (Config::faq_url) rather than the WebSocket: the same delta as
// faq.sync, as GET <faq_url>?since_version=N with the user's token, revalidated by ETag so
// that an unchanged catalogue costs one small 304. docs/protocol.md, "FAQ over HTTP".
#include <chrono>
#include <cstdint>
#include <string>
#include <variant>

#include "client/faq_library.hpp"
#include "parley/event.hpp"
#include "store/store.hpp"
#include "transport/http_call.hpp"

namespace parley::client {

transport::HttpCall faq_request(const std::string& faq_url, std::int64_t since_version,
                               const std::string& etag, const std::string& token,
                               std::chrono::milliseconds timeout);

// A 200 is applied as a faq.sync result (and its ETag kept); a 304 changes nothing; anything
// else is the error to reply with: the server's typed error when it sent one.
std::variant<Event, Error> apply_faq_fetch(store::Store& store, FaqLibrary& library,
                                           std::int64_t since_version,
                                           const transport::HttpResult& result);

}  // namespace parley::client
