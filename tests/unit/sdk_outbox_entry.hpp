#pragma once
// An outbox entry for store tests: what the engine writes, without its bookkeeping fields.
#include <cstdint>
#include <string>

#include "store/outbox.hpp"

namespace parley::test {

inline store::OutboxEntry outbox_entry(const std::string& client_id, const std::string& op,
                                       const std::string& args, std::uint64_t tag) {
  store::OutboxEntry e;
  e.client_id = client_id;
  e.op = op;
  e.args_json = args;
  e.tag = tag;
  return e;
}

}  // namespace parley::test
