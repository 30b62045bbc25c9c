#pragma once
// The live sessions reading each event log (a user's sessions read the user's log; every
// agent's read the agents' feed), for pushing committed events to all of them.
#include <string>
#include <unordered_map>
#include <vector>

#include "fanout/peer.hpp"
#include "storage/event_logs.hpp"

namespace parley::server {

class Hub {
 public:
  // Starts live delivery to a session that has completed hello (and had its replay): it reads
  // the log of its principal (log_of).
  void attach(Peer& peer);
  // Stops delivery to the session; a no-op for one that was never attached.
  void detach(Peer& peer);
  void publish(const StoredEvent& stored);
  // An ephemeral event (no seq) to the live sessions reading the log. A session still
  // replaying its backlog does not get it (see Peer::send_event): it is live news only, and
  // showing it before the history it belongs to would be wrong anyway.
  void publish_ephemeral(const std::string& log_id, const std::string& frame);

 private:
  std::unordered_map<std::string, std::vector<Peer*>> peers_;  // by log id
};

}  // namespace parley::server
