// parley-server: the reference Parley server. See docs/server.md.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "app/mint.hpp"
#include "app/options.hpp"
#include "app/serve.hpp"

int main(int argc, char** argv) {
  using namespace parley::server;
  // The server has one connection on one thread and reads no memory statistics: without them
  // every SQLite allocation skips a global mutex and its bookkeeping. Before any other SQLite
  // call, as sqlite3_config requires.
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const Command command = parse_command_line(args, std::getenv("PARLEY_SECRET"));
    if (const auto* mint_options = std::get_if<MintOptions>(&command)) return mint(*mint_options, stdout);
    if (const auto* serve_options = std::get_if<ServeOptions>(&command)) return serve(*serve_options);
    std::fputs(usage_text().c_str(), stdout);
    return 0;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "parley-server: %s\n%s", e.what(), usage_text().c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parley-server: %s\n", e.what());
    return 1;
  }
}
