#include "chat_app.hpp"

#include <filesystem>
#include <sstream>
#include <utility>

namespace chat_cli {
namespace {
std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// « and » mark search matches in snippets; show them as bold on a terminal.
std::string render_snippet(std::string s) {
  for (auto [from, to] : {std::pair<std::string, std::string>{"«", "\033[1m"}, {"»", "\033[0m"}}) {
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos)) {
      s.replace(pos, from.size(), to);
    }
  }
  return s;
}
// " [file: label.pdf, 12 KB]" for each file a message or comment carries.
std::string attachment_notes(const std::vector<parley::Attachment>& attachments) {
  std::string notes;
  for (const auto& a : attachments) {
    notes += " [file: " + a.name + ", " + std::to_string((a.size + 1023) / 1024) + " KB]";
  }
  return notes;
}

}  // namespace

void ChatApp::print_help() const {
  out_ << "Type a message and press Enter to chat with support.\n"
          "  /search <words>           search the help center (works offline)\n"
          "  /ticket <subject> | <details>   open a support ticket (shows articles that may\n"
          "                            answer it first)\n"
          "  /agent                    talk to a person (shows your place in the queue)\n"
          "  /attach <file>            send a screenshot or PDF with your next message or ticket\n"
          "  /tickets                  list your tickets\n"
          "  /rate <1-5> [comment]     rate the help on your last solved ticket\n"
          "  /close <ticket id>        close a ticket you need no more help with\n"
          "  /help                     this help\n"
          "  /quit                     leave\n";
}

void ChatApp::print_message(const parley::Message& m) {
  if (m.author.kind == "user") {
    out_ << "you: " << m.text << "\n";
    return;
  }
  ++replies_;
  // Shown on the terminal means seen: tell support (the receipt waits if offline).
  if (!m.conversation_id.empty()) client_.mark_read(m.conversation_id, m.id);
  const std::string who = m.author.name.empty() ? m.author.kind : m.author.name;
  out_ << who << (m.author.kind == "agent" ? " (agent)" : "") << ": " << m.text
       << attachment_notes(m.attachments) << "\n";
}

void ChatApp::print_conversation_change(const parley::Conversation& c, const std::string& change) {
  if (change == "assigned" && !c.assignee.id.empty()) {
    out_ << "[" << c.assignee.name << " joined the conversation]\n";
  } else if (change == "receipts" && !c.agent_receipt.read_up_to.empty() &&
             c.agent_receipt.read_up_to != last_read_by_support_) {
    last_read_by_support_ = c.agent_receipt.read_up_to;
    out_ << "[✓✓ read by support]\n";
  } else if ((change == "queued" || change == "queue") && c.queue_position > 0) {
    out_ << "[waiting for a person: you are number " << c.queue_position << " in the queue]\n";
  }
}

void ChatApp::print_ticket(const parley::Ticket& t, const std::string& what) {
  ticket_status_[t.id] = t.status;
  if (t.status == "solved") last_solved_ = t.id;
  out_ << "[ticket " << t.id << " \"" << t.subject << "\" " << what << ": " << t.status;
  if (!t.assignee.name.empty()) out_ << ", with " << t.assignee.name;
  if (t.rating.score > 0) out_ << ", rated " << t.rating.score << "/5";
  out_ << "]" << (what == "created" ? attachment_notes(t.attachments) : "") << "\n";
}

void ChatApp::apply(const parley::Event& ev) {
  using T = parley::EventType;
  if (ev.type == T::store_health_changed) {
    out_ << (ev.error.ok() ? "[this device's storage works again]\n"
                           : "[this device's storage is failing (" + ev.error.message +
                                 "): messages not yet sent may be lost if the device restarts]\n");
    out_.flush();
    return;
  }
  if (!ev.error.ok() && ev.type != T::connection_changed) {
    out_ << "[" << parley::to_string(ev.type) << " failed: " << parley::to_string(ev.error.code)
         << ": " << ev.error.message << "]\n";
    return;
  }
  switch (ev.type) {
    case T::connection_changed:
      connected_ = ev.connection == parley::ConnectionState::connected;
      if (connected_) {
        out_ << "[connected as " << ev.principal.name << "]\n";
        // The help center is fetched once; after that the client follows its changes itself
        // and searches work offline.
        if (!faq_synced_) client_.sync_faq();
      } else if (ev.connection == parley::ConnectionState::disconnected) {
        out_ << "[offline" << (ev.error.message.empty() ? "" : ": " + ev.error.message)
             << " — messages will be sent when the link is back]\n";
      }
      break;
    case T::auth_failed:
      out_ << "[sign-in refused: " << ev.error.message << "]\n";
      break;
    case T::message_received:
      for (const auto& m : ev.messages) print_message(m);
      break;
    case T::message_sent:
      break;  // already shown when typed; the server has it now
    case T::ticket_created:
      for (const auto& t : ev.tickets) print_ticket(t, "created");
      break;
    case T::ticket_changed:
      if (ev.change == "rated") ++ratings_given_;
      for (const auto& t : ev.tickets) print_ticket(t, ev.change == "rated" ? "thanks for rating" : "is now");
      break;
    case T::ticket_updated:
      for (const auto& t : ev.tickets) print_ticket(t, "is now");
      break;
    case T::ticket_comment:
      for (const auto& c : ev.comments) {
        out_ << "[ticket " << c.ticket_id << "] " << c.author.name << ": " << c.text
             << attachment_notes(c.attachments) << "\n";
      }
      break;
    case T::tickets_listed:
      if (ev.tickets.empty()) out_ << "(no tickets yet)\n";
      for (const auto& t : ev.tickets) {
        ticket_status_[t.id] = t.status;
        out_ << "  " << t.id << "  " << t.status << "  " << t.subject << "\n";
      }
      break;
    case T::faq_synced:
      faq_synced_ = true;
      out_ << "[help center synced: " << ev.count << " articles updated]\n";
      break;
    case T::faq_results:
      if (ev.tag == kSuggestionTag) {  // for a ticket being opened: only if some may help
        if (!ev.hits.empty()) out_ << "[while you wait, these articles may answer it:]\n";
        for (const auto& h : ev.hits) out_ << "  \033[4m" << h.article.title << "\033[0m\n";
        break;
      }
      ++searches_answered_;
      if (ev.hits.empty()) out_ << "(no articles found — try other words, or just ask us)\n";
      for (const auto& h : ev.hits) {
        out_ << "  \033[4m" << h.article.title << "\033[0m\n    " << render_snippet(h.snippet) << "\n";
      }
      break;
    case T::resynced:
      out_ << "[history was refreshed from the server]\n";
      break;
    case T::typing_changed:
      if (ev.typing) out_ << "[" << ev.principal.name << " is typing…]\n";
      break;
    case T::attachment_uploaded:
      if (ev.error.ok()) {
        out_ << "[uploaded " << ev.attachment.name << "]\n";
      } else {
        out_ << "[a file could not be sent: " << ev.error.message << "]\n";
      }
      break;
    case T::agent_requested:
      for (const auto& c : ev.conversations) {
        if (c.queue_position == 0 && !c.assignee.name.empty()) {
          out_ << "[" << c.assignee.name << " is already here]\n";
        } else {
          print_conversation_change(c, "queued");
        }
      }
      break;
    case T::conversation_updated:
      for (const auto& c : ev.conversations) print_conversation_change(c, ev.change);
      break;
    case T::message_updated:
      for (const auto& m : ev.messages) {
        out_ << "[" << m.author.name << (m.deleted ? " deleted a message" : " edited: " + m.text)
             << "]\n";
      }
      break;
    default:
      break;
  }
  out_.flush();
}

bool ChatApp::run_command(const std::string& raw) {
  const std::string line = trim(raw);
  if (line.empty()) return true;
  try {
    if (line == "/quit" || line == "/exit") return false;
    if (line == "/help") {
      print_help();
    } else if (line.rfind("/search ", 0) == 0) {
      client_.search_faq(trim(line.substr(8)));
    } else if (line.rfind("/ticket ", 0) == 0) {
      const std::string rest = line.substr(8);
      const auto bar = rest.find('|');
      parley::TicketDraft draft;
      draft.subject = trim(rest.substr(0, bar));
      draft.description = bar == std::string::npos ? "" : trim(rest.substr(bar + 1));
      draft.files = std::exchange(attached_, {});
      client_.create_ticket(draft);
      client_.suggest_articles(draft.subject + ". " + draft.description, {}, 3, kSuggestionTag);
    } else if (line.rfind("/attach ", 0) == 0) {
      const std::string path = trim(line.substr(8));
      attached_.push_back(parley::LocalFile{path, {}, {}});
      out_ << "[" << std::filesystem::path(path).filename().string()
           << " goes with your next message or ticket]\n";
    } else if (line == "/agent") {
      client_.request_agent();
    } else if (line == "/tickets") {
      client_.list_tickets();
    } else if (line.rfind("/rate ", 0) == 0) {
      if (last_solved_.empty()) {
        out_ << "[no solved ticket to rate yet]\n";
      } else {
        const std::string rest = trim(line.substr(6));
        const int score = rest.empty() ? 0 : rest[0] - '0';
        client_.rate_ticket(last_solved_, score, rest.size() > 1 ? trim(rest.substr(1)) : "");
      }
    } else if (line.rfind("/close ", 0) == 0) {
      client_.close_ticket(trim(line.substr(7)));
    } else if (line[0] == '/') {
      out_ << "unknown command; /help lists them\n";
    } else {
      if (attached_.empty()) {
        client_.send_message(line);
      } else {
        // Kept on the device and sent once uploaded, even if the app is closed meanwhile.
        client_.send_message_with_files(line, {}, std::exchange(attached_, {}));
      }
      out_ << "you: " << line << (connected_ ? "" : "  (queued)") << "\n";
    }
  } catch (const parley::Exception& e) {
    out_ << "[" << e.what() << "]\n";
  }
  out_.flush();
  return true;
}

}  // namespace chat_cli
