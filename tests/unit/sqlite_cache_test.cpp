// The statement cache of sdk/sqlite: a statement comes back clean (no bindings, no row held),
// nested use of the same SQL works, and the cache survives moving the database.
#include <gtest/gtest.h>

#include <utility>

#include "sqlite/sqlite.hpp"

namespace {

using parley::sqlite::Database;

constexpr const char* kAtLeast = "SELECT n FROM t WHERE n >= ? ORDER BY n";

Database numbers() {
  Database db(":memory:");
  db.exec("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);");
  return db;
}

TEST(SqliteStatementCache, AReusedStatementStartsWithoutBindingsOrRows) {
  Database db = numbers();
  {
    auto st = db.prepare(kAtLeast);
    st.bind(1, 2);
    ASSERT_TRUE(st.step());  // given back while holding a row
    EXPECT_EQ(st.column_int(0), 2);
  }
  auto again = db.prepare(kAtLeast);
  EXPECT_FALSE(again.step());  // n >= NULL: the old binding is gone
  again.reset();
  again.bind(1, 3);
  ASSERT_TRUE(again.step());
  EXPECT_EQ(again.column_int(0), 3);
  // The row it held was released: a write is not blocked by a half-read statement.
  db.exec("INSERT INTO t VALUES (4)");
}

TEST(SqliteStatementCache, TheSameSqlMayBeInUseTwiceAtOnce) {
  Database db = numbers();
  auto outer = db.prepare(kAtLeast);
  outer.bind(1, 1);
  int pairs = 0;
  while (outer.step()) {
    auto inner = db.prepare(kAtLeast);  // the cached one is busy: a fresh one
    inner.bind(1, outer.column_int(0));
    while (inner.step()) ++pairs;
  }
  EXPECT_EQ(pairs, 3 + 2 + 1);
}

TEST(SqliteStatementCache, AMovedDatabaseKeepsWorking) {
  Database first = numbers();
  { auto warm = first.prepare(kAtLeast); }
  Database moved = std::move(first);
  auto st = moved.prepare(kAtLeast);
  st.bind(1, 3);
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.column_int(0), 3);
  EXPECT_THROW(moved.prepare("SELECT nonsense FROM nowhere"), parley::sqlite::SqliteError);
  EXPECT_THROW(moved.prepare("SELECT nonsense FROM nowhere"), parley::sqlite::SqliteError);
}

}  // namespace
