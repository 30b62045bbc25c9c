#pragma once
// What storing a server object did to the cache: callers tell the app only about news.

namespace parley::store {

enum class Stored { inserted, changed, unchanged };

}  // namespace parley::store
