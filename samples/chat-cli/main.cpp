// chat-cli: a terminal app over the Parley C++ API. Chat with support (the bot answers first,
// then an agent), search the help center offline, open tickets and watch them change.
//
//   chat-cli --server ws://127.0.0.1:8787/v1 --token TOKEN [--store FILE] [--locale ko-KR]
//            [--tour]
//
// --tour plays a short scripted session (used by the demo when there is no terminal).
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <parley/client.hpp>

#include "chat_app.hpp"
#include "terminal.hpp"

namespace {
using namespace std::chrono_literals;

struct Options {
  parley::Config config;
  bool tour = false;
};

const char* env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

bool parse(int argc, char** argv, Options& o) {
  o.config.server_url = env_or("PARLEY_SERVER", "ws://127.0.0.1:8787/v1");
  o.config.token = env_or("PARLEY_TOKEN", "");
  o.config.app = "chat-cli/0.1";
  o.config.platform = "terminal";
  o.config.locale = "en-US";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--server") o.config.server_url = value();
    else if (a == "--token") o.config.token = value();
    else if (a == "--store") o.config.store_path = value();
    else if (a == "--locale") o.config.locale = value();
    else if (a == "--tour") o.tour = true;
    else return false;
  }
  return !o.config.token.empty();
}

// Drains events into the app until `done` holds or the deadline passes.
bool pump_until(parley::Client& client, chat_cli::ChatApp& app, chat_cli::Terminal& term,
                const std::function<bool()>& done, std::chrono::seconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  std::string ignored;
  while (!done()) {
    while (auto ev = client.poll_event(0ms)) app.apply(*ev);
    if (done()) break;
    if (std::chrono::steady_clock::now() >= until) return false;
    term.wait(200ms, false, ignored);
  }
  return true;
}

int run_tour(parley::Client& client, chat_cli::ChatApp& app, chat_cli::Terminal& term) {
  auto step = [&](const std::string& say, const std::string& command,
                  const std::function<bool()>& done) {
    std::cout << "\n\033[2m# " << say << "\033[0m\n> " << command << "\n";
    app.run_command(command);
    if (!pump_until(client, app, term, done, 20s)) {
      std::cout << "[tour: gave up waiting]\n";
      return false;
    }
    return true;
  };
  if (!pump_until(client, app, term, [&] { return app.connected(); }, 20s)) {
    std::cerr << "could not connect to the server\n";
    return 1;
  }
  pump_until(client, app, term, [&] { return app.faq_synced(); }, 20s);
  const int r0 = app.replies();
  const int s0 = app.searches_answered();
  const bool ok =
      step("Search the help center (answered from the device, offline-capable)",
           "/search refund", [&] { return app.searches_answered() > s0; }) &&
      step("Korean works too, through particles and spacing", "/search 환불이 안 돼요",
           [&] { return app.searches_answered() > s0 + 1; }) &&
      step("Ask support: the bot answers from the FAQ",
           "Hi! My parcel arrived damaged, what can I do?", [&] { return app.replies() >= r0 + 1; }) &&
      step("Ask for a person: you see your place in the queue, then an agent joins", "/agent",
           [&] { return app.replies() >= r0 + 2; }) &&
      step("Open a ticket and watch the agent move it along",
           "/ticket Parcel arrived damaged | The box was crushed and the mug inside is broken.",
           [&] {
             for (const auto& [id, status] : app.ticket_status()) {
               if (status == "solved") return true;
             }
             return false;
           }) &&
      step("Rate the help", "/rate 5 Quick and kind, thank you!",
           [&] { return app.ratings_given() > 0; }) &&
      step("List my tickets", "/tickets", [] { return true; });
  pump_until(client, app, term, [] { return false; }, 1s);  // let the last lines arrive
  std::cout << "\n" << (ok ? "Tour complete." : "Tour incomplete.") << "\n";
  return ok ? 0 : 1;
}

int run_interactive(parley::Client& client, chat_cli::ChatApp& app, chat_cli::Terminal& term) {
  std::cout << "Parley chat — type a message for support, or /help for commands.\n";
  std::string line;
  for (;;) {
    while (auto ev = client.poll_event(0ms)) app.apply(*ev);
    switch (term.wait(1000ms, true, line)) {
      case chat_cli::Terminal::Ready::line:
        if (!app.run_command(line)) return 0;
        break;
      case chat_cli::Terminal::Ready::end_of_input:
        pump_until(client, app, term, [&] { return client.outbox_size() == 0; }, 10s);
        return 0;
      default:
        break;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options opts;
  if (!parse(argc, argv, opts)) {
    std::cerr << "usage: chat-cli --token TOKEN [--server URL] [--store FILE] [--locale L] [--tour]\n"
                 "       (or set PARLEY_TOKEN and PARLEY_SERVER)\n";
    return 2;
  }
  try {
    chat_cli::Terminal term;
    parley::Client client(opts.config);
    client.set_wakeup([&term] { term.wake(); });
    chat_cli::ChatApp app(client, std::cout);
    const int rc = opts.tour ? run_tour(client, app, term) : run_interactive(client, app, term);
    client.set_wakeup(nullptr);
    return rc;
  } catch (const std::exception& e) {
    std::cerr << "chat-cli: " << e.what() << "\n";
    return 1;
  }
}
