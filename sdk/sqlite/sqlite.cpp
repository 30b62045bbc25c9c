#include "sqlite/sqlite.hpp"

#include <sqlite3.h>

#include <utility>

namespace parley::sqlite {
namespace {
[[noreturn]] void throw_error(sqlite3* db, int rc, std::string_view context) {
  std::string msg(context);
  msg += ": ";
  msg += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  throw SqliteError(rc & 0xFF, msg);
}
}  // namespace

bool SqliteError::is_constraint() const noexcept { return code_ == SQLITE_CONSTRAINT; }
bool SqliteError::is_busy() const noexcept { return code_ == SQLITE_BUSY || code_ == SQLITE_LOCKED; }

Database::Database(const std::string& path) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = std::string("cannot open database '") + path + "': " +
                      (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc & 0xFF, msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
}

Database::~Database() {
  finalize_cache();
  sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      cache_(std::move(other.cache_)),
      rollbacks_(other.rollbacks_) {
  other.cache_ = std::make_unique<Cache>();
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    finalize_cache();
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    std::swap(cache_, other.cache_);
    rollbacks_ = other.rollbacks_;
  }
  return *this;
}

void Database::finalize_cache() noexcept {
  if (!cache_) return;
  for (auto& [sql, cached] : *cache_) sqlite3_finalize(cached.stmt);
  cache_->clear();
}

void Database::exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqliteError(rc & 0xFF, "exec: " + msg);
  }
}

void Database::sync_log() {
  sqlite3_file* log = nullptr;
  // In WAL mode the "journal" SQLite hands out is the write-ahead log.
  if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) != SQLITE_OK) return;
  if (log == nullptr || log->pMethods == nullptr) return;  // not open: nothing written
  // FULL: on Apple platforms an fsync reaches the drive's cache only; SQLITE_SYNC_FULL makes
  // it F_FULLFSYNC, which reaches the medium. Elsewhere the two are the same.
  const int rc = log->pMethods->xSync(log, SQLITE_SYNC_FULL);
  // The connection's own message is not this call's: a file's method sets none.
  if (rc != SQLITE_OK) throw_error(nullptr, rc, "sync");
}

Statement Database::prepare(std::string_view sql) {
  auto it = cache_->find(sql);
  if (it == cache_->end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) throw_error(db_, rc, "prepare");
    it = cache_->emplace(std::string(sql), Cached{stmt, false}).first;
  }
  Cached& cached = it->second;
  if (cached.in_use) return Statement(*this, sql);  // nested use of the same SQL: a one-off
  cached.in_use = true;
  return Statement(db_, cached.stmt, &cached.in_use);
}

std::int64_t Database::last_insert_rowid() const noexcept { return sqlite3_last_insert_rowid(db_); }

int Database::changes() const noexcept { return sqlite3_changes(db_); }

int Database::total_changes() const noexcept { return sqlite3_total_changes(db_); }

bool Database::in_transaction() const noexcept { return sqlite3_get_autocommit(db_) == 0; }

int Database::user_version() {
  Statement st(*this, "PRAGMA user_version");
  st.step();
  return static_cast<int>(st.column_int(0));
}

void Database::set_user_version(int version) {
  exec("PRAGMA user_version = " + std::to_string(version));
}

Statement::Statement(Database& db, std::string_view sql) : db_(db.handle()) {
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) throw_error(db_, rc, "prepare");
}

Statement::~Statement() {
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  // Back to the cache, ready for the next user: no row held, no values bound.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)) {}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  const int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                     SQLITE_UTF8);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) throw_error(db_, rc, "bind");
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bind_null(index);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_error(db_, rc, "step");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() { sqlite3_reset(stmt_); }

void Statement::clear() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

double Statement::column_double(int index) const { return sqlite3_column_double(stmt_, index); }

std::string Statement::column_text(int index) const {
  const auto* p = sqlite3_column_text(stmt_, index);
  const int n = sqlite3_column_bytes(stmt_, index);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
           : std::string();
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

// Through the statement cache: a server opens a savepoint per request, and parsing these
// again each time was a measurable share of its work.
Transaction::Transaction(Database& db)
    : db_(db), nested_(sqlite3_get_autocommit(db.handle()) == 0) {
  db_.prepare(nested_ ? "SAVEPOINT parley_nested" : "BEGIN IMMEDIATE").run();
}

Transaction::~Transaction() {
  if (!done_) {
    // Counted whether or not the rollback below succeeds: SQLite may have rolled the
    // transaction back itself (a full disk), which is why this one did not commit.
    ++db_.rollbacks_;
    try {
      if (nested_) {
        db_.prepare("ROLLBACK TO parley_nested").run();
        db_.prepare("RELEASE parley_nested").run();
      } else {
        db_.prepare("ROLLBACK").run();
      }
    } catch (...) {  // a destructor must not throw; the connection rolls back on close anyway
    }
  }
}

void Transaction::commit() {
  db_.prepare(nested_ ? "RELEASE parley_nested" : "COMMIT").run();
  done_ = true;
}

void migrate(Database& db, std::span<const char* const> steps, std::string_view owner) {
  const int found = db.user_version();
  const int latest = static_cast<int>(steps.size());
  if (found > latest) {
    throw std::runtime_error("the database has schema version " + std::to_string(found) +
                             ", newer than this " + std::string(owner) + " knows (" +
                             std::to_string(latest) + ")");
  }
  for (int version = found; version < latest; ++version) {
    Transaction tx(db);
    db.exec(steps[static_cast<std::size_t>(version)]);
    db.set_user_version(version + 1);
    tx.commit();
  }
}

}  // namespace parley::sqlite
