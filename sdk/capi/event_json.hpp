#pragma once
// The JSON documents of the C ABI: one per event (schemas in docs/c-api.md), with the value
// objects of docs/protocol.md.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "parley/event.hpp"

namespace parley::capi {

nlohmann::ordered_json event_to_json(const Event& event);
// {"messages":[Message...]}
nlohmann::ordered_json messages_to_json(const std::vector<Message>& messages);
// {"conversations":[Conversation...]}
nlohmann::ordered_json conversations_to_json(const std::vector<Conversation>& conversations);
nlohmann::ordered_json tickets_to_json(const std::vector<Ticket>& tickets);
nlohmann::ordered_json ticket_schema_to_json(const TicketSchema& schema);
// Compact text; bytes that are not UTF-8 (which the core should never produce) become U+FFFD
// rather than failing the whole event.
std::string serialize(const nlohmann::ordered_json& document);

}  // namespace parley::capi
