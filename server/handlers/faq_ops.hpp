#pragma once
// faq.sync, faq.search.
#include <cstdint>
#include <string>

#include "handlers/call.hpp"
#include "protocol/frame.hpp"

namespace parley::server {

// The result of faq.sync (and of GET /v1/faq): the articles of `locale` (resolved; empty =
// every locale) changed after `since_version`, the ids deleted after it, and the catalogue's
// version. A version from the future (the catalogue was reset) is answered as 0.
protocol::Json faq_changes(Services& services, std::int64_t since_version,
                           const std::string& locale);

Outcome handle_faq_sync(Call& call);
Outcome handle_faq_search(Call& call);
// faq.feedback: a user's "helpful" / "not helpful" on an article (the latest vote counts).
Outcome handle_faq_feedback(Call& call);

}  // namespace parley::server
