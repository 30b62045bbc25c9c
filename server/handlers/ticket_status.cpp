#include "handlers/ticket_status.hpp"

#include <array>
#include <utility>

namespace parley::server {
namespace {

constexpr std::array<std::string_view, 4> kStatuses{"open", "pending", "solved", "closed"};

constexpr std::array<std::string_view, 4> kPriorities{"low", "normal", "high", "urgent"};

// A user may close a ticket they no longer need help with at any point; closed is final
// until someone reopens it.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kTransitions{{
    {"open", "pending"},
    {"pending", "open"},
    {"open", "solved"},
    {"pending", "solved"},
    {"open", "closed"},
    {"pending", "closed"},
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

bool is_ticket_priority(std::string_view priority) noexcept {
  for (auto p : kPriorities) {
    if (p == priority) return true;
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
