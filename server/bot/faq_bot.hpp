#pragma once
// The FAQ bot: answers the first user message of a conversation with the best FAQ article,
// if one answers a fair share of it (the composers' suggestion bar), or says that a person
// will reply.
#include <string>
#include <string_view>

#include "faq/catalogue.hpp"
#include "storage/author.hpp"

namespace parley::server {

inline const Author kBotAuthor{"bot", "bot", "Parley Bot"};

class FaqBot {
 public:
  explicit FaqBot(const Catalogue& catalogue) : catalogue_(catalogue) {}

  // The bot's reply to `question` from a user whose locale is `locale` (empty = any).
  std::string answer(const std::string& question, std::string_view locale) const;

  static constexpr const char* kNoAnswer =
      "I couldn't find an answer in our help center \xE2\x80\x94 a support agent will reply here soon.";

 private:
  const Catalogue& catalogue_;
};

}  // namespace parley::server
