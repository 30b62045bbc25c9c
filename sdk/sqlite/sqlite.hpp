#pragma once
// A thin RAII layer over SQLite, shared by the SDK's store and the server. Errors throw
// SqliteError; callers at a boundary (C ABI, request dispatcher) turn them into typed errors.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <functional>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace parley::sqlite {

class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
  int code() const noexcept { return code_; }  // primary SQLite result code
  bool is_constraint() const noexcept;
  bool is_busy() const noexcept;

 private:
  int code_;
};

class Statement;

class Database {
 public:
  // path ":memory:" opens a private in-memory database.
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;

  void exec(std::string_view sql);  // one or more statements, no results
  // Flushes the write-ahead log to stable storage: every transaction committed so far then
  // survives a power loss, whatever `synchronous` they were committed with. Nothing to do for
  // a database without a log on disk (in memory).
  void sync_log();
  // A statement for `sql`, compiled once per connection and reused (a hot path runs the same
  // few statements over and over); a statement still in use is not shared, a fresh one is
  // made instead.
  Statement prepare(std::string_view sql);
  std::int64_t last_insert_rowid() const noexcept;
  int changes() const noexcept;  // rows changed by the last statement
  // Rows changed by every statement completed on this connection so far (a statement that
  // failed and undid itself counts none). It wraps: compare two readings for equality only.
  int total_changes() const noexcept;
  bool in_transaction() const noexcept;  // false once SQLite rolled one back by itself too
  int user_version();
  void set_user_version(int version);
  sqlite3* handle() const noexcept { return db_; }
  // How many transactions and savepoints have ended without committing on this connection.
  // What a caller keeps in memory about the database (a cache) may have been undone when it
  // changes.
  std::uint64_t rollbacks() const noexcept { return rollbacks_; }

 private:
  friend class Transaction;
  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  void finalize_cache() noexcept;

  sqlite3* db_ = nullptr;
  // Looked up by string_view without making a string: prepare() is on every hot path.
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const noexcept { return std::hash<std::string_view>{}(sql); }
  };
  using Cache = std::unordered_map<std::string, Cached, SqlHash, std::equal_to<>>;
  // Behind a pointer so that its entries (which Statements point into) survive a move.
  std::unique_ptr<Cache> cache_ = std::make_unique<Cache>();
  std::uint64_t rollbacks_ = 0;
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;

  // Binding is 1-based, as in SQLite. Each returns *this for chaining.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  Statement& bind(int index, const std::optional<std::string>& value);

  bool step();   // true while a row is available
  void run();    // step to completion (for writes)
  void reset();  // keep bindings; ready to step again
  void clear();  // reset and clear bindings

  int column_count() const;
  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* cached, bool* in_use) noexcept
      : db_(db), stmt_(cached), in_use_(in_use) {}

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool* in_use_ = nullptr;  // set for a cached statement: returned, not finalized, when done
};

// BEGIN IMMEDIATE … COMMIT, rolled back unless committed. Inside another transaction it is a
// savepoint: its work is undone alone if it fails, and made durable by the outer commit (so a
// server can commit many requests at once, each still all-or-nothing).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool nested_ = false;
  bool done_ = false;
};

// Brings a database's schema to version steps.size() (PRAGMA user_version): runs each step not
// applied yet, one transaction per step. Throws std::runtime_error, naming `owner`, for a
// database whose schema is newer than these steps.
void migrate(Database& db, std::span<const char* const> steps, std::string_view owner);

}  // namespace parley::sqlite
