#pragma once
// Applying a faq.sync result: the changed and deleted articles go to the store and to the
// local search index, and the catalogue version moves on, in one transaction.
#include <cstdint>
#include <string>

#include "client/faq_library.hpp"
#include "parley/event.hpp"
#include "protocol/frame.hpp"
#include "store/store.hpp"

namespace parley::client {

// `since_version` is what the request asked from. Syncing from 0, or getting back a version
// older than that (the server's catalogue was reset), replaces every stored article.
// `etag` is the HTTP entity tag of the result ("" over the WebSocket), kept with the version.
// Returns the faq_synced event (count = articles changed or deleted).
Event apply_faq_sync(store::Store& store, FaqLibrary& library, std::int64_t since_version,
                     const protocol::Json& result, const std::string& etag = {});

}  // namespace parley::client
