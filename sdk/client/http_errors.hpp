#pragma once
// What an HTTP answer from parley-server means for the app: the server's typed error
// ({"error":{"code","message"}}) or, failing that, what the status says.
#include <string_view>

#include "parley/types.hpp"
#include "transport/http_call.hpp"

namespace parley::client {

// `what` names the request for the message ("the FAQ server", "the upload").
Error http_error(const transport::HttpResult& result, std::string_view what);

}  // namespace parley::client
