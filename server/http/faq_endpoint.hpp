#pragma once
// GET /v1/faq?since_version=N&locale=L — the catalogue delta of faq.sync over plain HTTP, for
// clients that sync the help center without a chat session (or through an HTTP cache).
// Authorization: Bearer <token>, as in hello. The ETag names the database, catalogue version
// and locale the answer brings the client to: a client that sends it back in If-None-Match while
// nothing changed gets 304 and no body.
#include "handlers/services.hpp"
#include "http/http_message.hpp"

namespace parley::server {

HttpResponse serve_faq(const HttpRequest& request, Services& services);

}  // namespace parley::server
