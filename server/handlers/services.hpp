#pragma once
// Everything a request handler may use. One instance, owned by the server loop.
#include <cstdint>
#include <string>

#include "faq/catalogue.hpp"
#include "parley/types.hpp"
#include "protocol/limits.hpp"
#include "sqlite/sqlite.hpp"
#include "attachments/attachment_files.hpp"
#include "storage/articles.hpp"
#include "storage/attachments.hpp"
#include "storage/conversations.hpp"
#include "storage/database.hpp"
#include "storage/event_logs.hpp"
#include "storage/feedback.hpp"
#include "storage/principals.hpp"
#include "storage/tickets.hpp"

namespace parley::server {

class FaqBot;

struct ProtocolSettings {
  protocol::Limits limits;
  std::int64_t heartbeat_ms = protocol::kDefaultHeartbeatMs;
  std::string secret;  // signs and verifies tokens
  TicketSchema ticket_schema;  // categories and custom fields of new tickets (ticket.schema)
  std::int64_t max_attachment_bytes = 10 * 1024 * 1024;  // announced in welcome
};

struct Services {
  Services(sqlite::Database& database, Catalogue& faq, const FaqBot* faq_bot,
           ProtocolSettings protocol_settings, const AttachmentFiles& attachment_files)
      : db(database),
        principals(database),
        events(database),
        conversations(database),
        tickets(database),
        articles(database),
        feedback(database),
        attachments(database),
        files(attachment_files),
        catalogue(faq),
        bot(faq_bot),
        settings(std::move(protocol_settings)),
        server_id(parley::server::server_id(database)) {}

  sqlite::Database& db;
  PrincipalRepository principals;
  EventLogRepository events;
  ConversationRepository conversations;
  TicketRepository tickets;
  ArticleRepository articles;
  FeedbackRepository feedback;
  AttachmentRepository attachments;
  const AttachmentFiles& files;
  Catalogue& catalogue;
  const FaqBot* bot;  // null with --no-bot
  ProtocolSettings settings;
  std::string server_id;  // of the database, announced in welcome
};

}  // namespace parley::server
