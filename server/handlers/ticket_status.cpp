#include "handlers/ticket_status.hpp"

#include <array>
#include <utility>

namespace parley::server {
namespace {

constexpr std::array<std::string_view, 4> kStatuses{"open", "pending", "solved", "closed"};

constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kTransitions{{
    {"open", "pending"},
    {"pending", "open"},
    {"open", "solved"},
    {"pending", "solved"},
    {"solved", "closed"},
    {"solved", "open"},
    {"closed", "open"},
}};

}  // namespace

bool is_ticket_status(std::string_view status) noexcept {
  for (auto s : kStatuses) {
    if (s == status) return true;
  }
  return false;
}

bool is_allowed_transition(std::string_view from, std::string_view to) noexcept {
  for (const auto& [a, b] : kTransitions) {
    if (a == from && b == to) return true;
  }
  return false;
}

}  // namespace parley::server
