#include "client/typing.hpp"

namespace parley::client {

bool TypingSender::should_send(const std::string& conversation_id, bool typing,
                               TypingClock::time_point now) {
  const auto it = last_sent_.find(conversation_id);
  if (!typing) {
    if (it == last_sent_.end()) return false;  // the server was never told it started
    last_sent_.erase(it);
    return true;
  }
  if (it != last_sent_.end() && now - it->second < kTypingRefresh) return false;
  last_sent_[conversation_id] = now;
  return true;
}

Event TypingTracker::changed(const std::string& conversation_id, const Author& author,
                             bool typing) {
  Event event;
  event.type = EventType::typing_changed;
  event.conversation_id = conversation_id;
  event.principal = author;
  event.typing = typing;
  return event;
}

std::optional<Event> TypingTracker::on_typing(const std::string& conversation_id,
                                              const Author& author, bool typing,
                                              TypingClock::time_point now) {
  const Key key{conversation_id, author.id};
  const auto it = typing_.find(key);
  if (!typing) {
    if (it == typing_.end()) return std::nullopt;
    typing_.erase(it);
    return changed(conversation_id, author, false);
  }
  const bool started = it == typing_.end();
  typing_[key] = Typist{author, now + kTypingTimeout};
  if (!started) return std::nullopt;  // a refresh: still typing
  return changed(conversation_id, author, true);
}

std::optional<Event> TypingTracker::on_message(const std::string& conversation_id,
                                               const Author& author) {
  const auto it = typing_.find(Key{conversation_id, author.id});
  if (it == typing_.end()) return std::nullopt;
  typing_.erase(it);
  return changed(conversation_id, author, false);
}

std::vector<Event> TypingTracker::expire(TypingClock::time_point now) {
  std::vector<Event> out;
  for (auto it = typing_.begin(); it != typing_.end();) {
    if (it->second.expires <= now) {
      out.push_back(changed(it->first.first, it->second.author, false));
      it = typing_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

std::vector<Event> TypingTracker::clear() {
  std::vector<Event> out;
  for (const auto& [key, typist] : typing_) out.push_back(changed(key.first, typist.author, false));
  typing_.clear();
  return out;
}

std::optional<TypingClock::time_point> TypingTracker::next_expiry() const {
  std::optional<TypingClock::time_point> next;
  for (const auto& [key, typist] : typing_) {
    if (!next || typist.expires < *next) next = typist.expires;
  }
  return next;
}

}  // namespace parley::client
