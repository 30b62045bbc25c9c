#pragma once
// The documents a term occurs in, in increasing order, each with the term's frequency per field
// (title, tags, body), packed into bytes: the gap from the previous document as a varint, then
// one byte of frequencies (title 2 bits, tags 2 bits, body 4 bits; a field at its maximum is
// followed by a varint of the rest). Most postings take two bytes instead of twelve; a list
// of up to kInlineBytes bytes (most terms occur in one or two documents) needs no allocation.
// A long list also keeps a skip entry every kSkipEvery postings, so that a reader can jump to a
// document without decoding everything before it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace parley::search {

// The frequency byte: each field's bits at its shift; a field at its maximum is followed by a
// varint of (tf - maximum).
inline constexpr std::uint32_t kTfMax[3] = {3, 3, 15};
inline constexpr unsigned kTfShift[3] = {0, 2, 4};

struct Posting {
  std::uint32_t doc = 0;
  std::array<std::uint16_t, 3> tf{};  // title, tags, body
};

// The posting at byte `offset` follows document `doc_before`.
struct Skip {
  std::uint32_t doc_before;
  std::uint32_t offset;
};

class PostingList {
 public:
  PostingList() = default;
  ~PostingList();
  PostingList(PostingList&& other) noexcept;
  PostingList& operator=(PostingList&& other) noexcept;
  PostingList(const PostingList&) = delete;
  PostingList& operator=(const PostingList&) = delete;

  // `doc` must be greater than every document appended before (the first may be 0).
  void append(const Posting& posting);
  std::uint32_t size() const noexcept { return count_; }
  // Gives back what growing by doubling left unused (inline again if it fits).
  void shrink_to_fit();
  std::size_t bytes() const noexcept { return size_; }

  // Reads the postings in order: one by one (next), or by jumping ahead (seek); use one way
  // per reader.
  class Reader {
   public:
    explicit Reader(const PostingList& list)
        : begin_(list.data()), data_(begin_), end_(begin_ + list.size_), skips_(list.skips_.get()) {}
    // False once every posting was read.
    bool next(Posting& out) noexcept;
    // The first posting at or after `doc`, for targets in increasing order; false if none.
    bool seek(std::uint32_t doc, Posting& out) noexcept;

   private:
    const std::uint8_t* begin_;
    const std::uint8_t* data_;
    const std::uint8_t* end_;
    const std::vector<Skip>* skips_;
    std::uint32_t doc_ = 0;
    bool first_ = true;
    bool has_current_ = false;  // seek: the posting it gave last, not yet passed
    Posting current_;
  };
  Reader reader() const noexcept { return Reader(*this); }

  static constexpr std::uint32_t kSkipEvery = 64;

 private:
  static constexpr std::uint32_t kInlineBytes = 16;  // the union's size anyway (alignment)

  bool is_inline() const noexcept { return capacity_ <= kInlineBytes; }
  const std::uint8_t* data() const noexcept { return is_inline() ? storage_.bytes : storage_.heap; }
  std::uint8_t* data() noexcept { return is_inline() ? storage_.bytes : storage_.heap; }
  void reserve(std::uint32_t bytes);

  union Storage {
    std::uint8_t bytes[kInlineBytes];
    std::uint8_t* heap;
  } storage_{};
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = kInlineBytes;
  std::uint32_t count_ = 0;
  std::uint32_t last_doc_ = 0;
  std::unique_ptr<std::vector<Skip>> skips_;  // null until the list is long
};

// Inline: the scoring loop calls it for every posting.
inline bool PostingList::Reader::next(Posting& out) noexcept {
  if (data_ >= end_) return false;
  auto varint = [this] {
    std::uint32_t value = 0;
    for (unsigned shift = 0;; shift += 7) {
      const std::uint8_t byte = *data_++;
      value |= static_cast<std::uint32_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return value;
    }
  };
  const std::uint32_t gap = varint();
  doc_ = first_ ? gap : doc_ + gap;
  first_ = false;
  out.doc = doc_;
  const std::uint8_t packed = *data_++;
  for (std::size_t f = 0; f < 3; ++f) {
    std::uint32_t tf = (packed >> kTfShift[f]) & kTfMax[f];
    if (tf == kTfMax[f]) tf += varint();
    out.tf[f] = static_cast<std::uint16_t>(tf);
  }
  return true;
}

}  // namespace parley::search
