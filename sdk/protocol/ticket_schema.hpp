#pragma once
// What a new ticket must satisfy: the server's ticket schema (categories and custom fields,
// docs/protocol.md "Tickets") and the shape of custom fields and metadata. One set of rules,
// checked by the SDK before a ticket goes into the outbox and by the server on arrival.
// Every check throws ArgError (bad_request, or too_large for a value over its length) with a
// sentence naming the offending field.
#include <cstddef>
#include <string_view>

#include "parley/types.hpp"
#include "protocol/args.hpp"
#include "protocol/frame.hpp"

namespace parley::protocol {

inline constexpr std::size_t kMaxTicketFields = 64;
inline constexpr std::size_t kMaxMetadataEntries = 32;
inline constexpr std::size_t kMaxMetadataKeyBytes = 64;
inline constexpr std::size_t kMaxMetadataValueBytes = 256;

// Reads a schema (the result of ticket.schema, or the server's --ticket-schema file).
TicketSchema parse_ticket_schema(const Json& json);
Json ticket_schema_json(const TicketSchema& schema);

// The category must be one of the schema's, if it lists any; "" is always allowed.
void check_ticket_category(const TicketSchema& schema, std::string_view category);
// Every key names a field of the schema, every value reads as its type, every required field
// is present. Text fields without a max_length are held to max_text_bytes.
void check_ticket_fields(const TicketSchema& schema, const TicketValues& fields,
                         std::size_t max_text_bytes);
// At most kMaxMetadataEntries entries; keys of [A-Za-z0-9_.-], values UTF-8 within bounds.
void check_ticket_metadata(const TicketValues& metadata);

// The object argument `key` (absent = empty) whose members are all strings.
TicketValues string_map_arg(const Json& args, const char* key);
Json string_map_json(const TicketValues& values);
// The string members of a stored JSON object text (anything else is skipped: a tolerant read
// of what this code wrote), as the server's and the device's stores keep fields and metadata.
TicketValues string_map_from_text(const std::string& text);

}  // namespace parley::protocol
