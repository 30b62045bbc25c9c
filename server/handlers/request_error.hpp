#pragma once
// A request that cannot be served, with the wire error code to answer it with. Handlers throw
// it (as they throw protocol::ArgError for bad arguments); the dispatcher turns it into `err`.
#include <stdexcept>
#include <string>

#include "protocol/error_code.hpp"

namespace parley::server {

class RequestError : public std::runtime_error {
 public:
  RequestError(protocol::ErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  protocol::ErrorCode code() const noexcept { return code_; }

 private:
  protocol::ErrorCode code_;
};

}  // namespace parley::server
