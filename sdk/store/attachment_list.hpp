#pragma once
// A message's or comment's attachments as the store keeps them: one JSON text column.
#include <string>
#include <vector>

#include "parley/types.hpp"

namespace parley::store {

std::string attachments_text(const std::vector<Attachment>& attachments);  // "[]" for none
std::vector<Attachment> attachments_from(const std::string& text);       // tolerant: bad = none

}  // namespace parley::store
