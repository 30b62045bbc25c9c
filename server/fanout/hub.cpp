#include "fanout/hub.hpp"

#include <algorithm>

namespace parley::server {

void Hub::attach(const std::string& principal_id, Peer& peer) {
  auto& list = peers_[principal_id];
  if (std::find(list.begin(), list.end(), &peer) == list.end()) list.push_back(&peer);
}

void Hub::detach(Peer& peer) {
  if (!peer.state().principal) return;
  auto it = peers_.find(peer.state().principal->id);
  if (it == peers_.end()) return;
  auto& list = it->second;
  list.erase(std::remove(list.begin(), list.end(), &peer), list.end());
  if (list.empty()) peers_.erase(it);
}

void Hub::publish(const StoredEvent& stored) {
  auto it = peers_.find(stored.principal_id);
  if (it == peers_.end()) return;
  publish_ephemeral(stored.principal_id, stored.frame());
}

void Hub::publish_ephemeral(const std::string& principal_id, const std::string& frame) {
  auto it = peers_.find(principal_id);
  if (it == peers_.end()) return;
  for (Peer* peer : it->second) peer->send_event(frame);
}

std::size_t Hub::live_sessions(const std::string& principal_id) const {
  auto it = peers_.find(principal_id);
  return it == peers_.end() ? 0 : it->second.size();
}

}  // namespace parley::server
