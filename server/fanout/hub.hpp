#pragma once
// The live sessions of each principal, for pushing committed events to all of them.
#include <string>
#include <unordered_map>
#include <vector>

#include "fanout/peer.hpp"
#include "storage/principals.hpp"

namespace parley::server {

class Hub {
 public:
  // Starts live delivery to a session that has completed hello (and had its replay).
  void attach(const std::string& principal_id, Peer& peer);
  // Stops delivery to the session; a no-op for one that was never attached.
  void detach(Peer& peer);
  void publish(const StoredEvent& stored);
  // An ephemeral event (no seq) to the principal's live sessions. A session still replaying
  // its backlog does not get it (see Peer::send_event): it is live news only, and showing it
  // before the history it belongs to would be wrong anyway.
  void publish_ephemeral(const std::string& principal_id, const std::string& frame);
  std::size_t live_sessions(const std::string& principal_id) const;

 private:
  std::unordered_map<std::string, std::vector<Peer*>> peers_;
};

}  // namespace parley::server
