#include "handlers/audience.hpp"

namespace parley::server {

std::vector<StoredEvent> append_for_user_and_agents(Services& services, const std::string& user_id,
                                                    const std::string& name,
                                                    const protocol::Json& data,
                                                    std::int64_t now_ms) {
  return append_for_user_and_agents(services, user_id, name,
                                    std::make_shared<const std::string>(data.dump()), now_ms);
}

std::vector<StoredEvent> append_for_user_and_agents(Services& services, const std::string& user_id,
                                                    const std::string& name,
                                                    std::shared_ptr<const std::string> data_json,
                                                    std::int64_t now_ms) {
  // One text for both logs.
  return {services.events.append(user_id, name, data_json, now_ms),
          services.events.append(kAgentsFeed, name, std::move(data_json), now_ms)};
}

}  // namespace parley::server
