#pragma once
// Client::Impl: the state shared between the app's threads and the client's thread — the
// command and event queues and the announced limits — plus the Engine and its thread.
#include <future>
#include <thread>
#include <type_traits>
#include <utility>

#include "client/argument_checks.hpp"
#include "client/command_queue.hpp"
#include "client/engine.hpp"
#include "client/event_queue.hpp"
#include "client/files_dir.hpp"
#include "parley/client.hpp"

namespace parley {
inline namespace PARLEY_ABI_NAMESPACE {

class Client::Impl {
 public:
  explicit Impl(const Config& config);
  ~Impl();  // stops the engine after the commands already posted, and joins its thread

  // Runs `command` on the client's thread, soon; returns at once.
  void post(client::Command command);

  // Runs `work` on the client's thread and waits for its result (local work only: the
  // store, never the network). Exceptions are rethrown here as parley::Exception.
  template <typename Work>
  auto call(Work work) -> std::invoke_result_t<Work, client::Engine&>;

  client::EventQueue events;
  client::AnnouncedLimits limits;
  const TicketValues device_metadata;  // what every new ticket says of the device
  // Attachments' files (FilesDir). Before the engine: removed, if it is the client's own,
  // only once the engine and its file transfers have stopped.
  const client::FilesDir files_dir;

 private:
  client::CommandQueue commands_;
  client::Engine engine_;
  std::thread thread_;
};

template <typename Work>
auto Client::Impl::call(Work work) -> std::invoke_result_t<Work, client::Engine&> {
  using Result = std::invoke_result_t<Work, client::Engine&>;
  try {
    // From the wake-up callback on the client's own thread, waiting would never end.
    if (std::this_thread::get_id() == thread_.get_id()) return work(engine_);
    auto promise = std::make_shared<std::promise<Result>>();
    auto result = promise->get_future();
    post([promise, work = std::move(work)](client::Engine& engine) mutable {
      try {
        promise->set_value(work(engine));
      } catch (...) {
        promise->set_exception(std::current_exception());
      }
    });
    return result.get();
  } catch (const Exception&) {
    throw;
  } catch (const std::exception& e) {
    throw Exception(ErrorCode::internal, e.what());
  }
}

}  // namespace PARLEY_ABI_NAMESPACE
}  // namespace parley
