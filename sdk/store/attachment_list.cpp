#include "store/attachment_list.hpp"

#include <nlohmann/json.hpp>

namespace parley::store {

std::string attachments_text(const std::vector<Attachment>& attachments) {
  auto list = nlohmann::json::array();
  for (const auto& a : attachments) {
    list.push_back({{"id", a.id}, {"name", a.name}, {"content_type", a.content_type}, {"size", a.size},
                    {"received", a.received}, {"complete", a.complete}, {"created_at", a.created_at}});
  }
  return list.dump();
}

std::vector<Attachment> attachments_from(const std::string& text) {
  std::vector<Attachment> out;
  const auto list = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!list.is_array()) return out;
  for (const auto& a : list) {
    if (!a.is_object()) continue;
    out.push_back(Attachment{a.value("id", ""), a.value("name", ""), a.value("content_type", ""),
                             a.value("size", std::int64_t{0}), a.value("received", std::int64_t{0}),
                             a.value("complete", false), a.value("created_at", std::int64_t{0})});
  }
  return out;
}

}  // namespace parley::store
