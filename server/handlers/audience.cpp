#include "handlers/audience.hpp"

namespace parley::server {

std::vector<StoredEvent> append_for_user_and_agents(Services& services, const std::string& user_id,
                                                    const std::string& name,
                                                    const protocol::Json& data,
                                                    std::int64_t now_ms) {
  const auto text = std::make_shared<const std::string>(data.dump());  // encoded once for all
  return {services.events.append(user_id, name, text, now_ms),
          services.events.append(kAgentsFeed, name, text, now_ms)};
}

}  // namespace parley::server
