#pragma once
// The arguments ticket ops share, read with protocol errors for anything invalid.
#include <string>
#include <vector>

#include "protocol/frame.hpp"

namespace parley::server {

// "status": one of the four; "" when absent and not required.
std::string status_arg(const protocol::Json& args, bool required);
// "status" as one status or an array of them (a filter); empty = any.
std::vector<std::string> statuses_arg(const protocol::Json& args);
// "priority": one of low, normal, high, urgent; `fallback` when absent.
std::string priority_arg(const protocol::Json& args, const char* fallback);

}  // namespace parley::server
