#pragma once
// Turns each complete frame from a session into exactly one reply (docs/protocol.md,
// section 1): decodes it, enforces hello-first, routes the op to its handler, maps every
// failure to a typed `err`, then pushes the events the request committed to live sessions.
// Requests are run in batches, one transaction per turn of the event loop (group commit).
// A request that fails leaves the rest of its batch alone (docs/server.md, "Group commit").
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "fanout/hub.hpp"
#include "handlers/call.hpp"

namespace parley::server {

class Dispatcher {
 public:
  Dispatcher(Services& services, Hub& hub);

  // Queues a request; flush() runs it. Frames that cannot be decoded are answered at once.
  void on_text(Peer& peer, std::string_view frame);
  // Runs the queued requests in one transaction, then replies and pushes their events. Called
  // once per turn of the event loop.
  void flush();
  void on_binary(Peer& peer);
  void on_oversized(Peer& peer, std::size_t frame_bytes, std::size_t limit);
  void on_closed(Peer& peer);

  // The frame size limit in force for this session: the configured one after hello, the
  // protocol default before it (docs/protocol.md, section 1).
  std::size_t frame_limit(const Peer& peer) const;

 private:
  struct Queued {
    Peer* peer;  // null once the session closed
    protocol::Request request;
  };
  struct Answer {
    Peer* peer;
    std::string id;
    std::string op;
    std::variant<Outcome, protocol::WireError> result;
  };
  // How the requests of a batch are kept apart. `shared`: no savepoint per request, which
  // would copy every page a request changes; a request that fails before it changed anything
  // has nothing to undo (a statement that fails undoes itself), so the others go on. One that
  // fails after a change cannot be undone alone: the batch is rolled back and run again
  // `isolated`, each request in a savepoint of its own.
  enum class Isolation { shared, isolated };
  struct BatchRun {
    enum class Status { committed, needs_isolation, failed } status = Status::failed;
    std::vector<Answer> answers;
  };
  BatchRun run_batch(std::vector<Queued>& batch, Isolation isolation);
  Answer answer(Queued& queued, Isolation isolation);
  void deliver(Answer& answer);
  Outcome run(OpHandler handler, Peer& peer, const protocol::Request& request);
  // Reads an event log's stored events after `after`, one page per call.
  ReplayPager replay_pager(std::string log_id, std::uint64_t after);

  Services& services_;
  Hub& hub_;
  std::unordered_map<std::string, OpHandler> ops_;
  std::vector<Queued> queue_;
};

}  // namespace parley::server
