#include "handlers/ticket_args.hpp"

#include "handlers/ticket_status.hpp"
#include "protocol/args.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;

std::string checked_status(std::string value) {
  if (!is_ticket_status(value)) {
    throw protocol::ArgError(ErrorCode::bad_request,
                             "\"status\" must be one of open, pending, solved, closed");
  }
  return value;
}

}  // namespace

std::string status_arg(const protocol::Json& args, bool required) {
  const auto value = protocol::text_arg(args, "status", {16, required, false});
  return value ? checked_status(*value) : std::string();
}

std::vector<std::string> statuses_arg(const protocol::Json& args) {
  const auto it = args.find("status");
  if (it == args.end() || !it->is_array()) {
    std::vector<std::string> one;
    if (auto status = status_arg(args, false); !status.empty()) one.push_back(std::move(status));
    return one;
  }
  std::vector<std::string> statuses;
  for (const auto& item : *it) {
    if (!item.is_string()) {
      throw protocol::ArgError(ErrorCode::bad_request, "\"status\" must hold strings");
    }
    statuses.push_back(checked_status(item.get<std::string>()));
  }
  return statuses;
}

std::string priority_arg(const protocol::Json& args, const char* fallback) {
  const auto value = protocol::text_arg(args, "priority", {16, fallback == nullptr, false});
  if (!value) return fallback;
  if (!is_ticket_priority(*value)) {
    throw protocol::ArgError(ErrorCode::bad_request,
                             "\"priority\" must be one of low, normal, high, urgent");
  }
  return *value;
}

}  // namespace parley::server
