#include "handlers/dispatcher.hpp"

#include <cstdio>

#include "handlers/agent_ops.hpp"
#include "handlers/chat_ops.hpp"
#include "handlers/message_change_ops.hpp"
#include "handlers/receipt_ops.hpp"
#include "handlers/typing_ops.hpp"
#include "handlers/faq_ops.hpp"
#include "handlers/session_ops.hpp"
#include "handlers/ticket_ops.hpp"
#include "protocol/args.hpp"
#include "protocol/limits.hpp"

namespace parley::server {
namespace {

using protocol::ErrorCode;
using protocol::ErrorReply;

void send_error(Peer& peer, std::optional<std::string> id, ErrorCode code, std::string message) {
  peer.send(protocol::encode(ErrorReply{std::move(id), {code, std::move(message)}}));
}

}  // namespace

Dispatcher::Dispatcher(Services& services, Hub& hub)
    : services_(services),
      hub_(hub),
      ops_{{"ping", &handle_ping},
           {"chat.send", &handle_chat_send},
           {"chat.history", &handle_chat_history},
           {"chat.conversations", &handle_chat_conversations},
           {"chat.edit", &handle_chat_edit},
           {"chat.delete", &handle_chat_delete},
           {"chat.receipt", &handle_chat_receipt},
           {"chat.typing", &handle_chat_typing},
           {"ticket.create", &handle_ticket_create},
           {"ticket.list", &handle_ticket_list},
           {"ticket.get", &handle_ticket_get},
           {"ticket.comment", &handle_ticket_comment},
           {"ticket.set_status", &handle_ticket_set_status},
           {"faq.sync", &handle_faq_sync},
           {"faq.search", &handle_faq_search},
           {"agent.queue", &handle_agent_queue},
           {"agent.reply", &handle_agent_reply},
           {"agent.take", &handle_agent_take}} {}

std::size_t Dispatcher::frame_limit(const Peer& peer) const {
  return peer.state().principal ? services_.settings.limits.max_frame_bytes
                                : protocol::Limits{}.max_frame_bytes;
}

void Dispatcher::on_binary(Peer& peer) {
  send_error(peer, std::nullopt, ErrorCode::bad_request, "binary frames are not accepted; send text");
}

void Dispatcher::on_oversized(Peer& peer, std::size_t frame_bytes, std::size_t limit) {
  send_error(peer, std::nullopt, ErrorCode::too_large,
             "frame of " + std::to_string(frame_bytes) + " bytes exceeds the limit of " +
                 std::to_string(limit));
}

void Dispatcher::on_closed(Peer& peer) { hub_.detach(peer); }

void Dispatcher::on_text(Peer& peer, std::string_view frame) {
  auto decoded = protocol::decode_request(frame, frame_limit(peer));
  if (auto* error = std::get_if<ErrorReply>(&decoded)) {
    peer.send(protocol::encode(*error));
    return;
  }
  const auto& request = std::get<protocol::Request>(decoded);

  OpHandler handler = nullptr;
  if (request.op == "hello") {
    handler = &handle_hello;
  } else if (!peer.state().principal) {
    send_error(peer, request.id, ErrorCode::unauthorized, "send hello first");
    return;
  } else if (auto it = ops_.find(request.op); it != ops_.end()) {
    handler = it->second;
  } else {
    send_error(peer, request.id, ErrorCode::bad_request, "unknown op \"" + request.op + "\"");
    return;
  }

  Outcome outcome;
  try {
    outcome = run(handler, peer, request);
  } catch (const protocol::ArgError& e) {
    send_error(peer, request.id, e.code(), e.what());
    return;
  } catch (const RequestError& e) {
    send_error(peer, request.id, e.code(), e.what());
    return;
  } catch (const sqlite::SqliteError& e) {
    std::fprintf(stderr, "parley-server: %s failed in storage: %s\n", request.op.c_str(), e.what());
    send_error(peer, request.id, e.is_busy() ? ErrorCode::unavailable : ErrorCode::internal,
               e.is_busy() ? "storage is busy; retry" : "storage failure");
    return;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parley-server: %s failed: %s\n", request.op.c_str(), e.what());
    send_error(peer, request.id, ErrorCode::internal, "internal error");
    return;
  }

  try {
    peer.send(protocol::encode(protocol::Reply{request.id, std::move(outcome.result)}));
    if (outcome.attach) hub_.attach(peer.state().principal->id, peer);
    if (outcome.replay_after) peer.start_replay(replay_pager(peer.state().principal->id, *outcome.replay_after));
    for (const auto& stored : outcome.events) hub_.publish(stored);
    for (const auto& live : outcome.ephemeral) {
      const std::string encoded = protocol::encode(live.event);
      for (const auto& id : live.principal_ids) hub_.publish_ephemeral(id, encoded);
    }
  } catch (const std::exception& e) {  // encoding; the change itself is committed
    std::fprintf(stderr, "parley-server: %s: cannot send the reply: %s\n", request.op.c_str(),
                 e.what());
  }
}

ReplayPager Dispatcher::replay_pager(std::string principal_id, std::uint64_t after) {
  // A page is small enough to keep a slow client's queue short, large enough that a long
  // backlog costs few queries.
  constexpr std::size_t kPageEvents = 256;
  return [&principals = services_.principals, id = std::move(principal_id), cursor = after]() mutable {
    std::vector<std::string> frames;
    for (const auto& event : principals.events_after(id, cursor, kPageEvents)) {
      cursor = event.seq;
      frames.push_back(protocol::encode(event));
    }
    return frames;
  };
}

Outcome Dispatcher::run(OpHandler handler, Peer& peer, const protocol::Request& request) {
  Call call{services_, peer, request.args};
  return handler(call);
}

}  // namespace parley::server
