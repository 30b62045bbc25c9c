#include "protocol/ticket_schema.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "protocol/utf8.hpp"

namespace parley::protocol {
namespace {

[[noreturn]] void invalid(const std::string& message) {
  throw ArgError(ErrorCode::bad_request, message);
}

std::string in_quotes(std::string_view text) { return "\"" + std::string(text) + "\""; }

bool is_field_type(std::string_view type) {
  return type == "text" || type == "number" || type == "bool" || type == "choice";
}

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '.' || c == '-';
}

bool is_key(std::string_view key) {
  return !key.empty() && key.size() <= kMaxMetadataKeyBytes &&
         std::all_of(key.begin(), key.end(), is_key_char);
}

std::string string_member(const Json& object, const char* key, bool required) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) invalid(std::string("the schema needs ") + in_quotes(key));
    return {};
  }
  if (!it->is_string()) invalid(in_quotes(key) + " must be a string");
  return it->get<std::string>();
}

std::optional<double> number_member(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) invalid(in_quotes(key) + " must be a number");
  return it->get<double>();
}

TicketFieldSpec parse_field(const Json& json) {
  if (!json.is_object()) invalid("a field of the schema must be an object");
  TicketFieldSpec field;
  field.key = string_member(json, "key", true);
  if (!is_key(field.key)) invalid("field key " + in_quotes(field.key) + " must be 1-64 of [A-Za-z0-9_.-]");
  field.label = string_member(json, "label", false);
  if (field.label.empty()) field.label = field.key;
  field.type = string_member(json, "type", true);
  if (!is_field_type(field.type)) {
    invalid("field " + in_quotes(field.key) + ": type must be text, number, bool or choice");
  }
  if (const auto it = json.find("required"); it != json.end() && !it->is_null()) {
    if (!it->is_boolean()) invalid("field " + in_quotes(field.key) + ": required must be true or false");
    field.required = it->get<bool>();
  }
  if (const auto it = json.find("max_length"); it != json.end() && !it->is_null()) {
    if (!it->is_number_unsigned()) invalid("field " + in_quotes(field.key) + ": max_length must be a whole number");
    field.max_length = it->get<std::size_t>();
  }
  field.min = number_member(json, "min");
  field.max = number_member(json, "max");
  if (const auto it = json.find("options"); it != json.end() && !it->is_null()) {
    if (!it->is_array()) invalid("field " + in_quotes(field.key) + ": options must be an array");
    for (const auto& option : *it) {
      if (!option.is_string()) invalid("field " + in_quotes(field.key) + ": options must be strings");
      field.options.push_back(option.get<std::string>());
    }
  }
  if (field.type == "choice" && field.options.empty()) {
    invalid("choice field " + in_quotes(field.key) + " needs options");
  }
  return field;
}

TicketCategory parse_category(const Json& json) {
  if (json.is_string()) return TicketCategory{json.get<std::string>(), json.get<std::string>()};
  if (!json.is_object()) invalid("a category must be a string or an object");
  TicketCategory category{string_member(json, "id", true), string_member(json, "label", false)};
  if (category.label.empty()) category.label = category.id;
  return category;
}

bool reads_as_number(const std::string& text, double& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && std::isfinite(value);
}

void check_value(const TicketFieldSpec& field, const std::string& value, std::size_t max_text_bytes) {
  const std::string name = "field " + in_quotes(field.key);
  if (!is_valid_utf8(value)) invalid(name + " is not valid UTF-8");
  if (field.type == "text") {
    const std::size_t limit = field.max_length > 0 ? field.max_length : max_text_bytes;
    if (value.size() > limit) {
      throw ArgError(ErrorCode::too_large,
                     name + " is longer than " + std::to_string(limit) + " bytes");
    }
  } else if (field.type == "number") {
    double number = 0;
    if (!reads_as_number(value, number)) invalid(name + " must be a number");
    if ((field.min && number < *field.min) || (field.max && number > *field.max)) {
      invalid(name + " is out of range");
    }
  } else if (field.type == "bool") {
    if (value != "true" && value != "false") invalid(name + " must be true or false");
  } else if (std::find(field.options.begin(), field.options.end(), value) == field.options.end()) {
    invalid(name + " must be one of its options");
  }
}

}  // namespace

TicketSchema parse_ticket_schema(const Json& json) {
  if (!json.is_object()) invalid("a ticket schema must be a JSON object");
  TicketSchema schema;
  for (const char* key : {"categories", "fields"}) {
    const auto it = json.find(key);
    if (it != json.end() && !it->is_null() && !it->is_array()) invalid(in_quotes(key) + " must be an array");
  }
  if (const auto it = json.find("categories"); it != json.end() && it->is_array()) {
    for (const auto& c : *it) schema.categories.push_back(parse_category(c));
  }
  if (const auto it = json.find("fields"); it != json.end() && it->is_array()) {
    for (const auto& f : *it) {
      auto field = parse_field(f);
      for (const auto& known : schema.fields) {
        if (known.key == field.key) invalid("field " + in_quotes(field.key) + " is defined twice");
      }
      schema.fields.push_back(std::move(field));
    }
  }
  if (schema.fields.size() > kMaxTicketFields) invalid("a schema has at most 64 fields");
  return schema;
}

Json ticket_schema_json(const TicketSchema& schema) {
  Json categories = Json::array();
  for (const auto& c : schema.categories) categories.push_back({{"id", c.id}, {"label", c.label}});
  Json fields = Json::array();
  for (const auto& f : schema.fields) {
    Json field{{"key", f.key}, {"label", f.label}, {"type", f.type}, {"required", f.required}};
    if (f.max_length > 0) field["max_length"] = f.max_length;
    if (f.min) field["min"] = *f.min;
    if (f.max) field["max"] = *f.max;
    if (!f.options.empty()) field["options"] = f.options;
    fields.push_back(std::move(field));
  }
  return {{"categories", std::move(categories)}, {"fields", std::move(fields)}};
}

void check_ticket_category(const TicketSchema& schema, std::string_view category) {
  if (category.empty() || schema.categories.empty()) return;
  for (const auto& c : schema.categories) {
    if (c.id == category) return;
  }
  invalid("category " + in_quotes(category) + " is not one of the server's");
}

void check_ticket_fields(const TicketSchema& schema, const TicketValues& fields,
                         std::size_t max_text_bytes) {
  for (const auto& [key, value] : fields) {
    const auto spec = std::find_if(schema.fields.begin(), schema.fields.end(),
                                   [&](const TicketFieldSpec& f) { return f.key == key; });
    if (spec == schema.fields.end()) invalid("no ticket field is called " + in_quotes(key));
    check_value(*spec, value, max_text_bytes);
  }
  for (const auto& spec : schema.fields) {
    if (spec.required && !fields.contains(spec.key)) {
      invalid("field " + in_quotes(spec.key) + " is required");
    }
  }
}

void check_ticket_metadata(const TicketValues& metadata) {
  if (metadata.size() > kMaxMetadataEntries) {
    throw ArgError(ErrorCode::too_large, "metadata has more than 32 entries");
  }
  for (const auto& [key, value] : metadata) {
    if (!is_key(key)) invalid("metadata key " + in_quotes(key) + " must be 1-64 of [A-Za-z0-9_.-]");
    if (!is_valid_utf8(value)) invalid("metadata " + in_quotes(key) + " is not valid UTF-8");
    if (value.size() > kMaxMetadataValueBytes) {
      throw ArgError(ErrorCode::too_large, "metadata " + in_quotes(key) + " is longer than 256 bytes");
    }
  }
}

TicketValues string_map_arg(const Json& args, const char* key) {
  TicketValues values;
  const auto it = args.find(key);
  if (it == args.end() || it->is_null()) return values;
  if (!it->is_object()) invalid(in_quotes(key) + " must be an object");
  if (it->size() > kMaxTicketFields) {
    throw ArgError(ErrorCode::too_large, in_quotes(key) + " has too many entries");
  }
  for (const auto& [name, value] : it->items()) {
    if (!value.is_string()) invalid(in_quotes(key) + ": " + in_quotes(name) + " must be a string");
    if (!is_valid_utf8(name)) invalid(in_quotes(key) + " has a name that is not valid UTF-8");
    values.emplace(name, value.get<std::string>());
  }
  return values;
}

Json string_map_json(const TicketValues& values) {
  Json object = Json::object();
  for (const auto& [key, value] : values) object[key] = value;
  return object;
}

TicketValues string_map_from_text(const std::string& text) {
  TicketValues values;
  const auto json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return values;
  for (const auto& [key, value] : json.items()) {
    if (value.is_string()) values.emplace(key, value.get<std::string>());
  }
  return values;
}

}  // namespace parley::protocol
