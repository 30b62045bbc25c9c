#pragma once
// faq.sync, faq.search.
#include "handlers/call.hpp"

namespace parley::server {

Outcome handle_faq_sync(Call& call);
Outcome handle_faq_search(Call& call);

}  // namespace parley::server
