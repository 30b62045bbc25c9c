#pragma once
// The definitions behind the opaque handles of parley.h. Private to sdk/capi.
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "parley/client.hpp"
#include "parley/parley.h"

struct parley_config {
  parley::Config config;
};

struct parley_ticket_draft {
  parley::TicketDraft draft;
};

// One event as the app sees it: the C++ event plus its JSON, built once when polled so that
// every reader is a plain lookup that cannot fail.
struct parley_event {
  parley::Event event;
  nlohmann::ordered_json document;
  std::string json;  // document, serialised
};

struct parley_client {
  explicit parley_client(parley::Config config) : client(std::move(config)) {}

  parley::Client client;
  // Taken from the queue but not yet handed to the app, because building its parley_event ran
  // out of memory: the next poll hands it over first, so that no event is lost.
  std::optional<parley::Event> undelivered;
  // The event last returned by parley_poll_event, borrowed by the app until the next poll.
  std::unique_ptr<parley_event> current;
};
