#pragma once
// The server schema, versioned by PRAGMA user_version: each migration moves the file from
// version N to N+1 inside one transaction, so a file is always at a whole version.
#include "sqlite/sqlite.hpp"

namespace parley::server {

// The version this build writes. Throws if the file is newer than this build knows.
inline constexpr int kSchemaVersion = 11;

void migrate(sqlite::Database& db);
// Migrates only up to `version` (1 … kSchemaVersion): for tests that upgrade an older file.
void migrate_to(sqlite::Database& db, int version);

}  // namespace parley::server
