#include "raw_load.hpp"

#include <libwebsockets.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "stats.hpp"

namespace parley::bench {
namespace {

struct Connection {
  std::string token;
  bool sends = true;  // false: an agent that only listens
  bool welcomed = false;
  int sent = 0;
  int acked = 0;
  std::string partial;  // a reply arriving in fragments
};

struct Run {
  std::vector<Connection> connections;
  int senders = 0;
  int listeners = 0;
  int listening = 0;  // listeners welcomed: sending starts when all are, so all get every event
  int per_connection = 0;
  int window = 0;
  int done = 0;
  bool failed = false;
  std::string connect_error;
};

// What a frame from parley-server is, read from its last member: the server writes "type"
// last (members in alphabetical order). The load generator only counts frames; parsing each
// one cost it about what the server spends on a message, and on a small machine it shares
// the CPU with the server it measures. A frame in another layout is parsed.
enum class FrameType { reply, event, error };
FrameType type_of(const std::string& frame) {
  if (frame.ends_with(R"("type":"res"})")) return FrameType::reply;
  if (frame.ends_with(R"("type":"event"})")) return FrameType::event;
  const auto json = nlohmann::json::parse(frame, nullptr, false);
  const std::string type = json.is_object() ? json.value("type", "") : "";
  return type == "res" ? FrameType::reply : type == "event" ? FrameType::event : FrameType::error;
}

bool is_hello_reply(const std::string& frame) {
  if (frame.starts_with(R"({"id":"h",)")) return true;
  const auto json = nlohmann::json::parse(frame, nullptr, false);
  return json.is_object() && json.value("id", "") == "h";  // value() throws on anything else
}

void send_text(lws* wsi, const std::string& text) {
  std::string frame(LWS_PRE, '\0');
  frame += text;
  lws_write(wsi, reinterpret_cast<unsigned char*>(frame.data()) + LWS_PRE, text.size(), LWS_WRITE_TEXT);
}

int callback(lws* wsi, lws_callback_reasons reason, void* /*user*/, void* in, size_t len) {
  auto* run = static_cast<Run*>(lws_context_user(lws_get_context(wsi)));
  auto* c = static_cast<Connection*>(lws_get_opaque_user_data(wsi));
  switch (reason) {
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
      send_text(wsi, nlohmann::json{{"type", "req"}, {"id", "h"}, {"op", "hello"},
                                    {"args", {{"token", c->token}}}}.dump());
      break;
    case LWS_CALLBACK_CLIENT_RECEIVE: {
      c->partial.append(static_cast<const char*>(in), len);
      if (!lws_is_final_fragment(wsi)) break;
      const FrameType type = type_of(c->partial);
      if (type == FrameType::reply && !c->welcomed) {  // the first reply answers the hello
        if (!is_hello_reply(c->partial)) run->failed = true;
        c->welcomed = true;
        if (!c->sends && ++run->listening == run->listeners) {
          lws_callback_on_writable_all_protocol(lws_get_context(wsi), lws_get_protocol(wsi));
        }
      } else if (type == FrameType::reply) {
        if (++c->acked == run->per_connection) ++run->done;
      } else if (type == FrameType::error) {
        run->failed = true;
      }
      c->partial.clear();
      lws_callback_on_writable(wsi);
      break;
    }
    case LWS_CALLBACK_CLIENT_WRITEABLE:
      if (c->sends && c->welcomed && run->listening == run->listeners &&
          c->sent < run->per_connection && c->sent - c->acked < run->window) {
        // Digits need no escaping: the request written as text, as cheaply as it can be.
        const std::string id = std::to_string(c->sent);
        std::string request = R"({"type":"req","id":")";
        request.append(id).append(R"(","op":"chat.send","args":{"client_id":"raw-)");
        request.append(id).append(R"(","text":"load )").append(id).append(R"("}})");
        send_text(wsi, request);
        ++c->sent;
        lws_callback_on_writable(wsi);
      }
      break;
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
      run->failed = true;
      run->connect_error = in ? static_cast<const char*>(in) : "connection error";
      break;
    default:
      break;
  }
  return 0;
}

double cpu_seconds(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string field;
  double ticks = 0;
  for (int i = 1; i <= 15 && stat >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

RawLoadResult run_raw_load(int port, int server_pid, const std::vector<std::string>& tokens,
                           const std::vector<std::string>& listener_tokens,
                           int messages_per_connection, int window) {
  Run run;
  run.per_connection = messages_per_connection;
  run.window = window;
  run.senders = static_cast<int>(tokens.size());
  run.listeners = static_cast<int>(listener_tokens.size());
  // Reserved first: the callbacks hold pointers to the connections.
  run.connections.reserve(tokens.size() + listener_tokens.size());
  for (const auto& token : tokens) run.connections.push_back(Connection{token, true, false, 0, 0, {}});
  for (const auto& token : listener_tokens) {
    run.connections.push_back(Connection{token, false, false, 0, 0, {}});
  }

  lws_protocols protocols[] = {{"parley.v1", callback, 0, 65536, 0, nullptr, 0},
                               {nullptr, nullptr, 0, 0, 0, nullptr, 0}};
  lws_context_creation_info info{};
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.protocols = protocols;
  info.user = &run;
  info.gid = -1;
  info.uid = -1;
  lws_context* context = lws_create_context(&info);
  if (context == nullptr) throw std::runtime_error("raw load: no lws context");
  for (auto& c : run.connections) {
    lws_client_connect_info connect{};
    connect.context = context;
    connect.address = "127.0.0.1";
    connect.port = port;
    connect.path = "/v1";
    connect.host = "127.0.0.1";
    connect.origin = "127.0.0.1";
    connect.protocol = "parley.v1";
    connect.opaque_user_data = &c;
    lws_client_connect_via_info(&connect);
  }
  const double cpu_before = cpu_seconds(server_pid);
  const auto start = Clock::now();
  while (run.done < run.senders && !run.failed) lws_service(context, 0);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = cpu_seconds(server_pid) - cpu_before;
  lws_context_destroy(context);
  if (run.failed) throw std::runtime_error("raw load failed: " + run.connect_error);

  RawLoadResult result;
  result.connections = run.senders;
  result.messages = result.connections * messages_per_connection;
  result.messages_per_second = result.messages / seconds;
  result.server_cpu_share = cpu / seconds;
  return result;
}

}  // namespace parley::bench
