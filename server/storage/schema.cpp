#include "storage/schema.hpp"

#include <array>
#include <span>
#include <stdexcept>
#include <string>

namespace parley::server {
namespace {

// Ids are INTEGER PRIMARY KEY AUTOINCREMENT so that a later row always has a larger id, even
// after deletes: message ids order messages (docs/protocol.md, section 6).
constexpr const char* kVersion1 = R"sql(
CREATE TABLE principals (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('user', 'agent')),
  name       TEXT NOT NULL,
  last_seq   INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX principals_by_kind ON principals(kind);

CREATE TABLE events (
  principal_id TEXT NOT NULL REFERENCES principals(id),
  seq          INTEGER NOT NULL,
  name         TEXT NOT NULL,
  data         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (principal_id, seq)
) WITHOUT ROWID;

CREATE TABLE conversations (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    TEXT NOT NULL REFERENCES principals(id),
  status     TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX conversations_by_user ON conversations(user_id, status);

CREATE TABLE messages (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  client_id       TEXT NOT NULL,
  author_kind     TEXT NOT NULL CHECK (author_kind IN ('user', 'agent', 'bot')),
  author_id       TEXT NOT NULL,
  author_name     TEXT NOT NULL,
  text            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  UNIQUE (author_id, client_id)
);
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);

CREATE TABLE tickets (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id   TEXT NOT NULL,
  user_id     TEXT NOT NULL REFERENCES principals(id),
  subject     TEXT NOT NULL,
  description TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('open', 'pending', 'solved', 'closed')),
  priority    TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  category    TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (user_id, client_id)
);

CREATE TABLE ticket_comments (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
  client_id   TEXT NOT NULL,
  author_kind TEXT NOT NULL,
  author_id   TEXT NOT NULL,
  author_name TEXT NOT NULL,
  text        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (author_id, client_id)
);
CREATE INDEX ticket_comments_by_ticket ON ticket_comments(ticket_id, id);

CREATE TABLE articles (
  id       TEXT PRIMARY KEY,
  locale   TEXT NOT NULL,
  category TEXT NOT NULL,
  title    TEXT NOT NULL,
  body     TEXT NOT NULL,
  tags     TEXT NOT NULL,  -- JSON array of strings
  version  INTEGER NOT NULL,
  deleted  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_by_version ON articles(version);

CREATE TABLE catalogue (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  version   INTEGER NOT NULL
);
INSERT INTO catalogue (singleton, version) VALUES (1, 0);
)sql";

// 2: edits and deletions (deduplicated by the change's client_id), assignment, receipts per
// side (message row ids; 0 = none), and the database's own id, announced in welcome.
constexpr const char* kVersion2 = R"sql(
ALTER TABLE messages ADD COLUMN edited_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;

ALTER TABLE conversations ADD COLUMN assignee_id TEXT REFERENCES principals(id);
ALTER TABLE conversations ADD COLUMN user_delivered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN user_read INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN agent_delivered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN agent_read INTEGER NOT NULL DEFAULT 0;

CREATE TABLE message_changes (
  author_id  TEXT NOT NULL,
  client_id  TEXT NOT NULL,
  message_id INTEGER NOT NULL REFERENCES messages(id),
  PRIMARY KEY (author_id, client_id)
) WITHOUT ROWID;

CREATE TABLE server_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO server_meta (key, value) VALUES ('server_id', lower(hex(randomblob(8))));
)sql";

// 3: article feedback, one vote per principal and article (the latest counts).
constexpr const char* kVersion3 = R"sql(
CREATE TABLE article_feedback (
  principal_id TEXT NOT NULL REFERENCES principals(id),
  article_id   TEXT NOT NULL,
  helpful      INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  client_id    TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (principal_id, article_id)
) WITHOUT ROWID;
CREATE INDEX article_feedback_by_article ON article_feedback(article_id);
)sql";

// 4: the ticket life cycle — custom fields and metadata (JSON objects of strings), the agent
// who took it, the user's rating once solved; a user's tickets page by id.
constexpr const char* kVersion4 = R"sql(
ALTER TABLE tickets ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
ALTER TABLE tickets ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
ALTER TABLE tickets ADD COLUMN assignee_id TEXT REFERENCES principals(id);
ALTER TABLE tickets ADD COLUMN rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5);
ALTER TABLE tickets ADD COLUMN rating_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN rated_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_by_user ON tickets(user_id, id);
)sql";

// 5: the queue for a person. queued_at: when the user's conversation started waiting for an
// agent (0 = not waiting); it waits while open and unassigned.
constexpr const char* kVersion5 = R"sql(
ALTER TABLE conversations ADD COLUMN queued_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX conversations_waiting ON conversations(queued_at, id)
  WHERE queued_at > 0 AND assignee_id IS NULL AND status = 'open';
)sql";

// 6: attachments: uploaded in pieces (received counts the bytes on disk), then linked to the
// one message or ticket comment that carries them. The bytes live in files beside the
// database (docs/server.md, "Attachments").
constexpr const char* kVersion6 = R"sql(
CREATE TABLE attachments (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id     TEXT NOT NULL,
  name         TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  received     INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  message_id   INTEGER REFERENCES messages(id),
  comment_id   INTEGER REFERENCES ticket_comments(id)
);
CREATE INDEX attachments_by_message ON attachments(message_id) WHERE message_id IS NOT NULL;
CREATE INDEX attachments_by_comment ON attachments(comment_id) WHERE comment_id IS NOT NULL;
)sql";

// 7: a ticket carries attachments of its own (the screenshot sent with it).
constexpr const char* kVersion7 = R"sql(
ALTER TABLE attachments ADD COLUMN ticket_id INTEGER REFERENCES tickets(id);
CREATE INDEX attachments_by_ticket ON attachments(ticket_id) WHERE ticket_id IS NOT NULL;
)sql";

// 8: uploads never attached, by age: the sweep that deletes old ones reads only those.
constexpr const char* kVersion8 = R"sql(
CREATE INDEX attachments_unlinked ON attachments(created_at)
  WHERE message_id IS NULL AND comment_id IS NULL AND ticket_id IS NULL;
)sql";

// 9: a principal's latest seq is its last event's (EventLogRepository::latest_seq), no longer a
// counter updated with every event.
constexpr const char* kVersion9 = R"sql(
ALTER TABLE principals DROP COLUMN last_seq;
)sql";

// 10: all agents read one event log, the agents' feed (storage/event_logs.hpp), instead of each
// keeping a copy of every event. The feed's seqs start above every seq an agent's own log had
// issued (the floor), so that an agent resuming from its old cursor is told to resync instead
// of being sent other events under those numbers. The agents' own logs go: what they told is in
// the conversations and tickets themselves.
constexpr const char* kVersion10 = R"sql(
INSERT INTO server_meta (key, value)
  SELECT 'agents_feed_floor', CAST(coalesce(max(seq), 0) AS TEXT) FROM events
  WHERE principal_id IN (SELECT id FROM principals WHERE kind = 'agent');
DELETE FROM events WHERE principal_id IN (SELECT id FROM principals WHERE kind = 'agent');
INSERT INTO principals (id, kind, name, created_at)
  VALUES ('parley:agents', 'agent', 'All agents (their shared event log)', 0);
)sql";

// 11: messages' author_kind check as comparisons. SQLite evaluates a CHECK's "IN (list)" by
// building a temporary table on every insert, and a message is the most frequent insert.
// A check cannot be altered in place, so the table is rebuilt (SQLite's "other kinds of table
// schema changes": foreign keys are off while migrating, and the other tables' references
// name `messages`, which is the new table once renamed). The AUTOINCREMENT counter goes on
// from where it was, so that no id is ever given twice.
constexpr const char* kVersion11 = R"sql(
CREATE TABLE messages_v11 (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  client_id       TEXT NOT NULL,
  author_kind     TEXT NOT NULL
                  CHECK (author_kind = 'user' OR author_kind = 'agent' OR author_kind = 'bot'),
  author_id       TEXT NOT NULL,
  author_name     TEXT NOT NULL,
  text            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  edited_at       INTEGER NOT NULL DEFAULT 0,
  deleted         INTEGER NOT NULL DEFAULT 0,
  UNIQUE (author_id, client_id)
);
INSERT INTO messages_v11 (id, conversation_id, client_id, author_kind, author_id, author_name,
                          text, created_at, edited_at, deleted)
  SELECT id, conversation_id, client_id, author_kind, author_id, author_name, text, created_at,
         edited_at, deleted FROM messages ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'messages_v11';
UPDATE sqlite_sequence SET name = 'messages_v11' WHERE name = 'messages';
DROP TABLE messages;
ALTER TABLE messages_v11 RENAME TO messages;
CREATE INDEX messages_by_conversation ON messages(conversation_id, id);
)sql";

constexpr std::array<const char*, kSchemaVersion> kMigrations{
    kVersion1, kVersion2, kVersion3, kVersion4, kVersion5, kVersion6, kVersion7, kVersion8,
    kVersion9, kVersion10, kVersion11};

}  // namespace

void migrate(sqlite::Database& db) { sqlite::migrate(db, kMigrations, "parley-server"); }

void migrate_to(sqlite::Database& db, int version) {
  if (version < 1 || version > kSchemaVersion) throw std::invalid_argument("no such schema version");
  sqlite::migrate(db, std::span(kMigrations).first(static_cast<std::size_t>(version)), "parley-server");
}

}  // namespace parley::server
