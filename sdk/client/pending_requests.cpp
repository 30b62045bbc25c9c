#include "client/pending_requests.hpp"

namespace parley::client {

void PendingRequests::add(std::uint64_t number, PendingRequest request) {
  requests_.insert_or_assign(number, std::move(request));
}

std::optional<PendingRequest> PendingRequests::take(std::uint64_t number) {
  auto node = requests_.extract(number);
  if (node.empty()) return std::nullopt;
  return std::move(node.mapped());
}

std::vector<PendingRequest> PendingRequests::take_expired(Clock::time_point now) {
  std::vector<PendingRequest> expired;
  for (auto it = requests_.begin(); it != requests_.end();) {
    if (it->second.deadline <= now) {
      expired.push_back(std::move(it->second));
      it = requests_.erase(it);
    } else {
      ++it;
    }
  }
  return expired;
}

std::vector<PendingRequest> PendingRequests::take_all() {
  std::vector<PendingRequest> all;
  all.reserve(requests_.size());
  for (auto& [id, request] : requests_) all.push_back(std::move(request));
  requests_.clear();
  return all;
}

bool PendingRequests::has_write(const std::string& client_id) const {
  for (const auto& [id, request] : requests_) {
    if (request.client_id == client_id) return true;
  }
  return false;
}

std::size_t PendingRequests::write_count() const {
  std::size_t count = 0;
  for (const auto& [id, request] : requests_) count += request.is_write() ? 1 : 0;
  return count;
}

std::optional<Clock::time_point> PendingRequests::next_deadline() const {
  std::optional<Clock::time_point> next;
  for (const auto& [id, request] : requests_) {
    if (!next || request.deadline < *next) next = request.deadline;
  }
  return next;
}

}  // namespace parley::client
