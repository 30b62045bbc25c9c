#include "store/schema.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace parley::store {
namespace {

// migrations[i] brings the schema from version i to i + 1. Never edit a released one: add.
constexpr std::array<const char*, kSchemaVersion> kMigrations{{
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE outbox (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,  -- send order
  client_id TEXT NOT NULL UNIQUE,
  op        TEXT NOT NULL,
  args      TEXT NOT NULL,                      -- the request's args, JSON
  tag       INTEGER NOT NULL
);
CREATE TABLE messages (
  row             INTEGER PRIMARY KEY,
  id              TEXT UNIQUE,                  -- NULL while pending
  client_id       TEXT NOT NULL,
  conversation_id TEXT NOT NULL,                -- '' while pending without a conversation
  author_kind     TEXT NOT NULL,
  author_id       TEXT NOT NULL,
  author_name     TEXT NOT NULL,
  text            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  id_number       INTEGER NOT NULL,             -- numeric part of id, for ordering
  state           INTEGER NOT NULL              -- DeliveryState
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at, id_number);
CREATE INDEX messages_by_client_id ON messages (client_id);
CREATE TABLE conversations (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL,
  status     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE tickets (
  id          TEXT PRIMARY KEY,
  client_id   TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  subject     TEXT NOT NULL,
  description TEXT NOT NULL,
  status      TEXT NOT NULL,
  priority    TEXT NOT NULL,
  category    TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE comments (
  id          TEXT PRIMARY KEY,
  client_id   TEXT NOT NULL,
  ticket_id   TEXT NOT NULL,
  author_kind TEXT NOT NULL,
  author_id   TEXT NOT NULL,
  author_name TEXT NOT NULL,
  text        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX comments_by_ticket ON comments (ticket_id, created_at);
CREATE TABLE articles (
  id       TEXT PRIMARY KEY,
  locale   TEXT NOT NULL,
  category TEXT NOT NULL,
  title    TEXT NOT NULL,
  body     TEXT NOT NULL,
  tags     TEXT NOT NULL,                       -- JSON array of strings
  version  INTEGER NOT NULL
);
)sql",
    // 2: receipts, assignment, edits; failed writes kept for retry; whose write an entry is.
    R"sql(
ALTER TABLE outbox ADD COLUMN principal_id TEXT NOT NULL DEFAULT '';  -- '' = not known
ALTER TABLE outbox ADD COLUMN failed_code TEXT;                       -- NULL while queued
ALTER TABLE outbox ADD COLUMN failed_message TEXT;
ALTER TABLE messages ADD COLUMN edited_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN assignee_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN assignee_id TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN assignee_name TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN user_delivered TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN user_read TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN agent_delivered TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN agent_read TEXT NOT NULL DEFAULT '';
-- 1 once the server said no older messages exist: history pages come from here alone.
ALTER TABLE conversations ADD COLUMN history_complete INTEGER NOT NULL DEFAULT 0;
-- Receipts this device owes the server, one per conversation and kind, coalesced to the newest.
CREATE TABLE receipts_out (
  conversation_id TEXT NOT NULL,
  kind            TEXT NOT NULL,                -- 'delivered' or 'read'
  message_id      TEXT NOT NULL,
  id_number       INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, kind)
);
)sql",
    // 3: the ticket life cycle: custom fields and metadata (JSON objects of strings), the
    // agent who took it, the user's rating.
    R"sql(
ALTER TABLE tickets ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
ALTER TABLE tickets ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}';
ALTER TABLE tickets ADD COLUMN assignee_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN assignee_id TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN assignee_name TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN rating INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN rating_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN rated_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_by_update ON tickets (updated_at);
)sql",
    // 4: the place of the user's conversation in the queue for a person (0 = not waiting).
    R"sql(
ALTER TABLE conversations ADD COLUMN queue_position INTEGER NOT NULL DEFAULT 0;
)sql",
    // 5: attachments of messages and comments, as JSON lists.
    R"sql(
ALTER TABLE messages ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
ALTER TABLE comments ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
)sql",
    // 6: attachments sent with a ticket.
    R"sql(
ALTER TABLE tickets ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
)sql",
    // 7: files sent with a write, uploaded before it goes out (the write is held till then).
    R"sql(
ALTER TABLE outbox ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
CREATE TABLE uploads (
  upload_id     TEXT PRIMARY KEY,
  write_id      TEXT NOT NULL,                -- the outbox write the file goes with
  position      INTEGER NOT NULL,             -- its place among the write's files
  file_path     TEXT NOT NULL,                -- the copy kept beside the store till uploaded
  name          TEXT NOT NULL,
  content_type  TEXT NOT NULL,
  size          INTEGER NOT NULL,
  attachment_id TEXT NOT NULL DEFAULT '',     -- the server's, once it made one
  complete      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX uploads_by_write ON uploads (write_id, position);
)sql",
}};

}  // namespace

void migrate(sqlite::Database& db) { sqlite::migrate(db, kMigrations, "Parley SDK"); }

}  // namespace parley::store
