#pragma once
// The client store's schema and its migrations, tracked in PRAGMA user_version.
#include "sqlite/sqlite.hpp"

namespace parley::store {

inline constexpr int kSchemaVersion = 7;

// Brings the database to kSchemaVersion, one migration per transaction. Throws
// std::runtime_error for a store written by a newer SDK (its schema is unknown here).
void migrate(sqlite::Database& db);

}  // namespace parley::store
