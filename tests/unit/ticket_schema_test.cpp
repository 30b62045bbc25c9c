// The ticket schema's rules (sdk/protocol/ticket_schema), shared by the SDK and the server:
// reading a schema, and checking categories, custom fields and metadata against it.
#include <gtest/gtest.h>

#include "protocol/ticket_schema.hpp"

namespace parley::protocol {
namespace {

const Json kSchema = Json::parse(R"({
  "categories": ["orders", {"id": "billing", "label": "Billing"}],
  "fields": [
    {"key": "order", "type": "text", "max_length": 8, "required": true},
    {"key": "count", "label": "How many", "type": "number", "min": -2, "max": 10.5},
    {"key": "gift", "type": "bool"},
    {"key": "by", "type": "choice", "options": ["email", "phone"]}
  ]})");

ErrorCode refusal(const TicketValues& fields, std::size_t max_text = 100) {
  try {
    check_ticket_fields(parse_ticket_schema(kSchema), fields, max_text);
  } catch (const ArgError& e) {
    return e.code();
  }
  return ErrorCode::internal;  // stands for "accepted"
}

TEST(TicketSchemaRules, ReadsAndWritesASchema) {
  const auto schema = parse_ticket_schema(kSchema);
  ASSERT_EQ(schema.categories.size(), 2u);
  EXPECT_EQ(schema.categories[0].label, "orders");  // a bare string is its own label
  EXPECT_EQ(schema.fields[0].label, "order");
  EXPECT_EQ(schema.fields[1].label, "How many");
  EXPECT_EQ(*schema.fields[1].max, 10.5);
  const auto again = parse_ticket_schema(ticket_schema_json(schema));
  EXPECT_EQ(ticket_schema_json(again), ticket_schema_json(schema));
  EXPECT_TRUE(parse_ticket_schema(Json::object()).fields.empty());
}

TEST(TicketSchemaRules, RefusesAMalformedSchema) {
  for (const char* text : {R"([])", R"({"fields": {}})", R"({"fields": [{"type": "text"}]})",
                           R"({"fields": [{"key": "a b", "type": "text"}]})",
                           R"({"fields": [{"key": "a", "type": "date"}]})",
                           R"({"fields": [{"key": "a", "type": "choice"}]})",
                           R"({"fields": [{"key": "a", "type": "text", "max_length": -1}]})",
                           R"({"fields": [{"key": "a", "type": "bool"}, {"key": "a", "type": "bool"}]})",
                           R"({"categories": [7]})"}) {
    EXPECT_THROW(parse_ticket_schema(Json::parse(text)), ArgError) << text;
  }
}

TEST(TicketSchemaRules, ChecksEachFieldByItsType) {
  EXPECT_EQ(refusal({{"order", "A1"}, {"count", "-2"}, {"gift", "false"}, {"by", "phone"}}),
            ErrorCode::internal);
  EXPECT_EQ(refusal({{"order", "A1"}, {"count", "10.5"}}), ErrorCode::internal);
  EXPECT_EQ(refusal({{"count", "1"}}), ErrorCode::bad_request);  // "order" is required
  EXPECT_EQ(refusal({{"order", "123456789"}}), ErrorCode::too_large);
  for (const char* count : {"", " 1", "1 ", "1e999", "nan", "inf", "0x10", "10.6", "-3", "one"}) {
    EXPECT_EQ(refusal({{"order", "A"}, {"count", count}}), ErrorCode::bad_request) << count;
  }
  EXPECT_EQ(refusal({{"order", "A"}, {"gift", "True"}}), ErrorCode::bad_request);
  EXPECT_EQ(refusal({{"order", "A"}, {"by", "fax"}}), ErrorCode::bad_request);
  EXPECT_EQ(refusal({{"order", "A"}, {"other", "x"}}), ErrorCode::bad_request);
  EXPECT_EQ(refusal({{"order", "\xff"}}), ErrorCode::bad_request);
}

TEST(TicketSchemaRules, TextWithoutItsOwnLimitUsesTheServers) {
  const auto schema = parse_ticket_schema(Json::parse(R"({"fields":[{"key":"note","type":"text"}]})"));
  EXPECT_NO_THROW(check_ticket_fields(schema, {{"note", std::string(10, 'x')}}, 10));
  EXPECT_THROW(check_ticket_fields(schema, {{"note", std::string(11, 'x')}}, 10), ArgError);
}

TEST(TicketSchemaRules, CategoriesAndMetadata) {
  const auto schema = parse_ticket_schema(kSchema);
  EXPECT_NO_THROW(check_ticket_category(schema, "billing"));
  EXPECT_NO_THROW(check_ticket_category(schema, ""));
  EXPECT_THROW(check_ticket_category(schema, "Billing"), ArgError);
  EXPECT_NO_THROW(check_ticket_category(TicketSchema{}, "anything"));

  EXPECT_NO_THROW(check_ticket_metadata({{"app_version", "2.3"}, {"os.name", "iOS"}}));
  EXPECT_THROW(check_ticket_metadata({{"", "x"}}), ArgError);
  EXPECT_THROW(check_ticket_metadata({{std::string(65, 'k'), "x"}}), ArgError);
  EXPECT_THROW(check_ticket_metadata({{"k", std::string(257, 'v')}}), ArgError);
  TicketValues many;
  for (int i = 0; i < 33; ++i) many["k" + std::to_string(i)] = "v";
  EXPECT_THROW(check_ticket_metadata(many), ArgError);
}

TEST(TicketSchemaRules, StringMapsAreObjectsOfStrings) {
  EXPECT_TRUE(string_map_arg(Json::object(), "fields").empty());
  EXPECT_EQ(string_map_arg(Json{{"fields", {{"a", "1"}}}}, "fields"), (TicketValues{{"a", "1"}}));
  EXPECT_THROW(string_map_arg(Json{{"fields", {{"a", 1}}}}, "fields"), ArgError);
  EXPECT_THROW(string_map_arg(Json{{"fields", Json::array()}}, "fields"), ArgError);
  EXPECT_EQ(string_map_json({{"a", "1"}}), (Json{{"a", "1"}}));
}

}  // namespace
}  // namespace parley::protocol
