#pragma once
// Files built into parley-server (the agent console, server/console/), by their URL path.
// Generated at build time by cmake/EmbedFiles.cmake.
#include <string_view>
#include <vector>

namespace parley::server {

struct EmbeddedFile {
  std::string_view path;  // "/console/console.js"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace parley::server
