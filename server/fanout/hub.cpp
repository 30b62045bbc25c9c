#include "fanout/hub.hpp"

#include <algorithm>

namespace parley::server {

void Hub::attach(Peer& peer) {
  if (!peer.state().principal) return;
  auto& list = peers_[log_of(*peer.state().principal)];
  if (std::find(list.begin(), list.end(), &peer) == list.end()) list.push_back(&peer);
}

void Hub::detach(Peer& peer) {
  if (!peer.state().principal) return;
  auto it = peers_.find(log_of(*peer.state().principal));
  if (it == peers_.end()) return;
  auto& list = it->second;
  list.erase(std::remove(list.begin(), list.end(), &peer), list.end());
  if (list.empty()) peers_.erase(it);
}

void Hub::publish(const StoredEvent& stored) {
  auto it = peers_.find(stored.log_id);
  if (it == peers_.end()) return;  // nobody to encode it for
  publish_ephemeral(stored.log_id, stored.frame());
}

void Hub::publish_ephemeral(const std::string& log_id, const std::string& frame) {
  auto it = peers_.find(log_id);
  if (it == peers_.end()) return;
  for (Peer* peer : it->second) peer->send_event(frame);
}

}  // namespace parley::server
