#pragma once
// faq.sync, faq.search.
#include "handlers/call.hpp"

namespace parley::server {

Outcome handle_faq_sync(Call& call);
Outcome handle_faq_search(Call& call);
// faq.feedback: a user's "helpful" / "not helpful" on an article (the latest vote counts).
Outcome handle_faq_feedback(Call& call);

}  // namespace parley::server
