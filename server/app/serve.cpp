#include "app/serve.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <libwebsockets.h>

#include "app/signals.hpp"
#include "bot/faq_bot.hpp"
#include "faq/catalogue.hpp"
#include "faq/faq_import.hpp"
#include "fanout/hub.hpp"
#include "handlers/dispatcher.hpp"
#include "http/http_routes.hpp"
#include "protocol/ticket_schema.hpp"
#include "storage/database.hpp"
#include "ws/ws_server.hpp"

namespace parley::server {
namespace {

void load_faq(sqlite::Database& db, const std::string& dir) {
  const auto imported = import_faq_folder(db, dir);
  for (const auto& problem : imported.problems) {
    std::fprintf(stderr, "parley-server: FAQ file skipped: %s\n", problem.c_str());
  }
  std::fprintf(stderr, "parley-server: FAQ: %zu articles from %s, catalogue version %lld%s\n",
               imported.articles, dir.c_str(), static_cast<long long>(imported.version),
               imported.changed ? " (changed)" : "");
}

std::string url_of(const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "ws://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + protocol::kPath;
}

// The --ticket-schema file; a file that cannot be read or is not a valid schema stops the
// server at start-up rather than letting it accept tickets by the wrong rules.
TicketSchema load_ticket_schema(const std::string& path) {
  if (path.empty()) return {};
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the ticket schema " + path);
  std::ostringstream text;
  text << in.rdbuf();
  const auto json = protocol::Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) throw std::runtime_error(path + " is not valid JSON");
  try {
    return protocol::parse_ticket_schema(json);
  } catch (const protocol::ArgError& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace

int serve(const ServeOptions& options) {
  install_signal_handlers();
  lws_set_log_level(LLL_ERR | LLL_WARN, nullptr);
  if (options.secret == kDevSecret) {
    std::fprintf(stderr,
                 "parley-server: WARNING: using the public dev secret \"%s\"; anyone can mint "
                 "tokens for this server. Pass --secret (or PARLEY_SECRET) in production.\n",
                 kDevSecret);
  }

  TicketSchema ticket_schema = load_ticket_schema(options.ticket_schema_path);
  auto db = open_database(options.db_path);
  if (!options.faq_dir.empty()) load_faq(db, options.faq_dir);

  Catalogue catalogue;
  catalogue.rebuild(ArticleRepository(db).live());
  FaqBot bot(catalogue);
  ProtocolSettings settings{options.limits, options.heartbeat_ms, options.secret,
                            std::move(ticket_schema), options.max_attachment_bytes};
  const AttachmentFiles attachment_files(options.db_path + ".attachments");
  Services services(db, catalogue, options.bot ? &bot : nullptr, settings, attachment_files);
  Hub hub;
  Dispatcher dispatcher(services, hub);

  ListenSettings listen{options.host, options.port, std::chrono::milliseconds(options.heartbeat_ms)};
  HttpRoutes routes(services);
  WsServer server(listen, dispatcher,
                  [&routes](const HttpRequest& request) { return routes.handle(request); });
  std::printf("parley-server listening on %s\n", url_of(options.host, server.port()).c_str());
  std::fflush(stdout);

  server.run(&stop_requested);
  std::fprintf(stderr, "parley-server: stopping\n");
  return 0;
}

}  // namespace parley::server
