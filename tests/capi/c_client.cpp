#include "c_client.hpp"

#include <stdexcept>

namespace parley::capi_test {

CClient::CClient(const std::string& url, const std::string& token, const std::string& store_path) {
  parley_config* cfg = nullptr;
  if (parley_config_new(&cfg) != PARLEY_OK ||
      parley_config_set_server_url(cfg, url.data(), url.size()) != PARLEY_OK ||
      parley_config_set_token(cfg, token.data(), token.size()) != PARLEY_OK ||
      parley_config_set_store_path(cfg, store_path.data(), store_path.size()) != PARLEY_OK ||
      parley_config_set_platform(cfg, PARLEY_STR("linux")) != PARLEY_OK ||
      parley_config_set_locale(cfg, PARLEY_STR("en-US")) != PARLEY_OK) {
    parley_config_free(cfg);
    throw std::runtime_error(std::string("config: ") + parley_last_error_message());
  }
  if (parley_client_create(&client_, cfg) != PARLEY_OK) {
    throw std::runtime_error(std::string("parley_client_create: ") + parley_last_error_message());
  }
}

CClient::~CClient() { parley_client_free(client_); }

bool CClient::poll_once() {
  const parley_event* ev = nullptr;
  if (parley_poll_event(client_, 100, &ev) != PARLEY_OK) {
    throw std::runtime_error(std::string("parley_poll_event: ") + parley_last_error_message());
  }
  if (ev == nullptr) return false;
  PolledEvent copy;
  copy.type = parley_event_type(ev);
  copy.tag = parley_event_tag(ev);
  copy.status = parley_event_status(ev);
  copy.error_message = parley_event_error_message(ev);
  copy.connection = parley_event_connection_state(ev);
  size_t len = 0;
  const char* json = parley_event_json(ev, &len);
  copy.json = nlohmann::json::parse(std::string(json, len));  // throws if it is not JSON
  backlog_.push_back(copy);
  history_.push_back(std::move(copy));
  return true;
}

std::optional<PolledEvent> CClient::wait_for(const Predicate& match,
                                             std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  std::size_t checked = 0;  // backlog entries already tested against `match`
  for (;;) {
    for (; checked < backlog_.size(); ++checked) {
      if (match(backlog_[checked])) {
        PolledEvent found = std::move(backlog_[checked]);
        backlog_.erase(backlog_.begin() + static_cast<std::ptrdiff_t>(checked));
        return found;
      }
    }
    if (std::chrono::steady_clock::now() >= until) return std::nullopt;
    poll_once();  // waits for the next event (at most 100 ms), no sleeping
  }
}

std::optional<PolledEvent> CClient::wait_for_reply(parley_event_kind type, std::uint64_t tag) {
  return wait_for([&](const PolledEvent& e) { return e.type == type && e.tag == tag; });
}

bool CClient::wait_connected() {
  return wait_for([](const PolledEvent& e) {
           return e.type == PARLEY_EVENT_CONNECTION_CHANGED &&
                  e.connection == PARLEY_CONNECTION_CONNECTED;
         }).has_value();
}

}  // namespace parley::capi_test
