#pragma once
// chat-cli's model of the conversation: applies Parley events, prints them, runs commands.
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <parley/client.hpp>

namespace chat_cli {

class ChatApp {
 public:
  ChatApp(parley::Client& client, std::ostream& out) : client_(client), out_(out) {}

  void apply(const parley::Event& event);  // print it and update what we know
  // Runs one line typed by the user: a /command or a chat message. False on /quit.
  bool run_command(const std::string& line);
  void print_help() const;

  bool connected() const { return connected_; }
  int replies() const { return replies_; }  // messages received from the bot or an agent
  int searches_answered() const { return searches_answered_; }
  bool faq_synced() const { return faq_synced_; }
  const std::map<std::string, std::string>& ticket_status() const { return ticket_status_; }
  int ratings_given() const { return ratings_given_; }  // tickets the server has our rating of

 private:
  static constexpr std::uint64_t kSuggestionTag = 7001;  // marks the replies of suggest_articles
  void print_message(const parley::Message& m);
  void print_ticket(const parley::Ticket& t, const std::string& what);
  void print_conversation_change(const parley::Conversation& c, const std::string& change);

  parley::Client& client_;
  std::ostream& out_;
  bool connected_ = false;
  int replies_ = 0;
  int searches_answered_ = 0;
  bool faq_synced_ = false;
  std::map<std::string, std::string> ticket_status_;  // ticket id → status
  std::string last_solved_;                           // the ticket /rate rates
  std::vector<parley::LocalFile> attached_;           // /attach: for the next message or ticket
  int ratings_given_ = 0;
  std::string last_read_by_support_;                  // the newest message support has read
};

}  // namespace chat_cli
