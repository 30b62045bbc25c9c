#pragma once
// Opens the server's SQLite file ready for use: WAL journal, synchronous=FULL (a COMMIT is on
// disk before we acknowledge a write), foreign keys, and the schema migrated to the newest
// version.
#include <string>

#include "sqlite/sqlite.hpp"

namespace parley::server {

sqlite::Database open_database(const std::string& path);

// The database's id, made when it was created (docs/protocol.md, welcome.server_id).
std::string server_id(sqlite::Database& db);

}  // namespace parley::server
