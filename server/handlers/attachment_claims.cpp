#include "handlers/attachment_claims.hpp"

#include <algorithm>

#include "protocol/args.hpp"
#include "storage/object_id.hpp"

namespace parley::server {

using protocol::ErrorCode;

bool names_attachments(const Call& call) {
  const auto it = call.args.find("attachments");
  return it != call.args.end() && it->is_array() && !it->empty();
}

std::vector<AttachmentRow> claimed_attachments(Call& call) {
  std::vector<AttachmentRow> claimed;
  const auto it = call.args.find("attachments");
  if (it == call.args.end() || it->is_null()) return claimed;
  if (!it->is_array()) throw protocol::ArgError(ErrorCode::bad_request, "\"attachments\" must be an array of ids");
  if (it->size() > kMaxAttachmentsPerItem) {
    throw protocol::ArgError(ErrorCode::too_large, "at most 10 attachments");
  }
  for (const auto& item : *it) {
    const std::string id = item.is_string() ? item.get<std::string>() : std::string();
    const auto row_id = parse_id(kAttachmentId, id);
    if (!row_id) throw protocol::ArgError(ErrorCode::bad_request, "\"attachments\" must hold attachment ids");
    auto row = call.services.attachments.find(*row_id);
    if (!row || row->owner_id != call.principal().id) {
      throw RequestError(ErrorCode::not_found, "attachment \"" + id + "\" not found");
    }
    if (!row->complete()) throw RequestError(ErrorCode::conflict, "attachment \"" + id + "\" is still uploading");
    if (row->linked()) throw RequestError(ErrorCode::conflict, "attachment \"" + id + "\" is attached already");
    if (std::any_of(claimed.begin(), claimed.end(), [&](const AttachmentRow& a) { return a.id == row->id; })) {
      throw protocol::ArgError(ErrorCode::bad_request, "attachment \"" + id + "\" is named twice");
    }
    claimed.push_back(std::move(*row));
  }
  return claimed;
}

void link_to_message(Services& services, std::vector<AttachmentRow>& attachments, std::int64_t message_id) {
  for (auto& a : attachments) {
    services.attachments.link_to_message(a.id, message_id);
    a.message_id = message_id;
  }
}

void link_to_comment(Services& services, std::vector<AttachmentRow>& attachments, std::int64_t comment_id) {
  for (auto& a : attachments) {
    services.attachments.link_to_comment(a.id, comment_id);
    a.comment_id = comment_id;
  }
}

void link_to_ticket(Services& services, std::vector<AttachmentRow>& attachments, std::int64_t ticket_id) {
  for (auto& a : attachments) {
    services.attachments.link_to_ticket(a.id, ticket_id);
    a.ticket_id = ticket_id;
  }
}

}  // namespace parley::server
