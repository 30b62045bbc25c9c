#pragma once
// Events about a conversation or a ticket go to its user and to every agent
// (docs/protocol.md, section 3).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "handlers/services.hpp"

namespace parley::server {

// Appends the event to the log of `user_id` and to the agents' feed (one row for all agents).
// Call inside the transaction that makes the change.
std::vector<StoredEvent> append_for_user_and_agents(Services& services, const std::string& user_id,
                                                    const std::string& name,
                                                    const protocol::Json& data, std::int64_t now_ms);
// The same with the data encoded already.
std::vector<StoredEvent> append_for_user_and_agents(Services& services, const std::string& user_id,
                                                    const std::string& name,
                                                    std::shared_ptr<const std::string> data_json,
                                                    std::int64_t now_ms);

}  // namespace parley::server
