#include "handlers/audience.hpp"

namespace parley::server {

std::vector<StoredEvent> append_for_user_and_agents(Services& services, const std::string& user_id,
                                                    const std::string& name,
                                                    const protocol::Json& data,
                                                    std::int64_t now_ms) {
  const auto text = std::make_shared<const std::string>(data.dump());  // encoded once for all
  std::vector<StoredEvent> events;
  events.push_back(services.principals.append_event(user_id, name, text, now_ms));
  for (const auto& agent_id : services.principals.agent_ids()) {
    events.push_back(services.principals.append_event(agent_id, name, text, now_ms));
  }
  return events;
}

}  // namespace parley::server
