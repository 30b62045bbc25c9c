#pragma once
// GET /v1/faq?since_version=N&locale=L — the catalogue delta of faq.sync over plain HTTP, for
// clients that sync the help center without a chat session (or through an HTTP cache).
// Authorization: Bearer <token>, as in hello. The ETag names the database, catalogue version
// and locale the answer brings the client to: a client that sends it back in If-None-Match
// while nothing changed gets 304 and no body.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "handlers/services.hpp"
#include "http/http_message.hpp"

namespace parley::server {

class FaqEndpoint {
 public:
  explicit FaqEndpoint(Services& services) : services_(services) {}
  HttpResponse serve(const HttpRequest& request);

 private:
  // The whole catalogue of one locale at the current version, as JSON and gzipped: what every
  // new device asks for first. Made once per version rather than once per device, so that a
  // crowd of first syncs costs the server loop (which also carries the chat) next to nothing.
  struct Whole {
    std::string locale;
    std::shared_ptr<const std::string> json;
    std::shared_ptr<const std::string> gzipped;  // null when too small to be worth it
  };
  static constexpr std::size_t kMaxWholes = 16;  // locales asked for (unknown ones too)

  const Whole& whole(const std::string& locale);

  Services& services_;
  std::int64_t wholes_version_ = -1;
  std::vector<Whole> wholes_;
};

}  // namespace parley::server
