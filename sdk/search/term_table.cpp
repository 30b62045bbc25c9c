#include "search/term_table.hpp"

#include <functional>
#include <stdexcept>

namespace parley::search {
namespace {
constexpr std::size_t kFirstSlots = 1024;
}  // namespace

std::size_t TermTable::slot_of(std::string_view term) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = std::hash<std::string_view>{}(term) & mask;; i = (i + 1) & mask) {
    const std::uint32_t entry = slots_[i];
    if (entry == 0 || text(entry - 1) == term) return i;
  }
}

std::optional<std::uint32_t> TermTable::find(std::string_view term) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint32_t entry = slots_[slot_of(term)];
  if (entry == 0) return std::nullopt;
  return entry - 1;
}

std::uint32_t TermTable::intern(std::string_view term) {
  if (slots_.empty() || (size() + 1) * 2 > slots_.size()) grow();  // load factor ≤ 1/2
  const std::size_t slot = slot_of(term);
  if (slots_[slot] != 0) return slots_[slot] - 1;
  if (chars_.size() + term.size() > UINT32_MAX) throw std::length_error("too many index terms");
  const std::uint32_t id = size();
  chars_.append(term);
  offsets_.push_back(static_cast<std::uint32_t>(chars_.size()));
  slots_[slot] = id + 1;
  return id;
}

void TermTable::grow() {
  std::vector<std::uint32_t> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? kFirstSlots : old.size() * 2, 0);
  for (const std::uint32_t entry : old) {
    if (entry != 0) slots_[slot_of(text(entry - 1))] = entry;
  }
}

void TermTable::shrink_to_fit() {
  chars_.shrink_to_fit();
  offsets_.shrink_to_fit();
}

void TermTable::clear() {
  chars_.clear();
  offsets_.assign(1, 0);
  slots_.clear();
}

}  // namespace parley::search
