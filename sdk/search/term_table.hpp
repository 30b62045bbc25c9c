#pragma once
// The index's vocabulary: each distinct term once, in one buffer of characters, with a dense
// id (0, 1, 2, …) in the order terms were first seen, and an open-addressing table of ids to
// find a term's id. About 10 bytes per term besides its characters, where a hash map of
// strings takes ~100.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::search {

class TermTable {
 public:
  // The id of `term`, added if new.
  std::uint32_t intern(std::string_view term);
  std::optional<std::uint32_t> find(std::string_view term) const;
  // Valid until the next intern() or clear().
  std::string_view text(std::uint32_t id) const {
    return std::string_view(chars_).substr(offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  std::uint32_t size() const noexcept { return static_cast<std::uint32_t>(offsets_.size() - 1); }
  void clear();
  void shrink_to_fit();

 private:
  std::size_t slot_of(std::string_view term) const;  // where it is, or the empty slot for it
  void grow();

  std::string chars_;                        // every term, back to back
  std::vector<std::uint32_t> offsets_{0};    // term id → start in chars_; one more at the end
  std::vector<std::uint32_t> slots_;         // id + 1, or 0 for empty; size a power of two
};

}  // namespace parley::search
