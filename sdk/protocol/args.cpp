#include "protocol/args.hpp"

#include "protocol/utf8.hpp"

namespace parley::protocol {
namespace {
[[noreturn]] void fail(ErrorCode code, const char* key, const std::string& why) {
  throw ArgError(code, std::string("\"") + key + "\" " + why);
}

bool is_blank(const std::string& s) {
  for (unsigned char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}
}  // namespace

std::optional<std::string> text_arg(const Json& args, const char* key, TextRule rule) {
  auto it = args.find(key);
  if (it == args.end() || it->is_null()) {
    if (rule.required) fail(ErrorCode::bad_request, key, "is required");
    return std::nullopt;
  }
  if (!it->is_string()) fail(ErrorCode::bad_request, key, "must be a string");
  const auto& s = it->get_ref<const std::string&>();
  if (!is_valid_utf8(s)) fail(ErrorCode::bad_request, key, "is not valid UTF-8");
  if (s.size() > rule.max_bytes) {
    fail(ErrorCode::too_large, key, "exceeds " + std::to_string(rule.max_bytes) + " bytes");
  }
  if (rule.non_blank && is_blank(s)) fail(ErrorCode::bad_request, key, "must not be blank");
  return s;
}

std::optional<std::string> id_arg(const Json& args, const char* key, bool required) {
  auto it = args.find(key);
  if (it == args.end() || it->is_null()) {
    if (required) fail(ErrorCode::bad_request, key, "is required");
    return std::nullopt;
  }
  if (!it->is_string() || !is_valid_id(it->get_ref<const std::string&>())) {
    fail(ErrorCode::bad_request, key, "must be a string of 1-64 [A-Za-z0-9_.:-]");
  }
  return it->get<std::string>();
}

bool bool_arg(const Json& args, const char* key) {
  auto it = args.find(key);
  if (it == args.end() || !it->is_boolean()) fail(ErrorCode::bad_request, key, "must be true or false");
  return it->get<bool>();
}

std::uint64_t uint_arg(const Json& args, const char* key, std::uint64_t fallback,
                       std::uint64_t min, std::uint64_t max) {
  auto it = args.find(key);
  if (it == args.end() || it->is_null()) return fallback;
  // Parsed JSON holds non-negative numbers as unsigned, built JSON may hold them as signed.
  if (!it->is_number_integer() || (!it->is_number_unsigned() && it->get<std::int64_t>() < 0)) {
    fail(ErrorCode::bad_request, key, "must be a non-negative integer");
  }
  const auto v = it->get<std::uint64_t>();
  if (v < min || v > max) {
    fail(ErrorCode::bad_request, key,
         "must be between " + std::to_string(min) + " and " + std::to_string(max));
  }
  return v;
}

}  // namespace parley::protocol
