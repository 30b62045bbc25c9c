#include "search/posting_list.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace parley::search {
namespace {


std::size_t put_varint(std::uint8_t* out, std::uint32_t value) {
  std::size_t n = 0;
  while (value >= 0x80) {
    out[n++] = static_cast<std::uint8_t>(value | 0x80);
    value >>= 7;
  }
  out[n++] = static_cast<std::uint8_t>(value);
  return n;
}

}  // namespace

PostingList::~PostingList() {
  if (!is_inline()) std::free(storage_.heap);
}

PostingList::PostingList(PostingList&& other) noexcept
    : storage_(other.storage_),
      size_(other.size_),
      capacity_(other.capacity_),
      count_(other.count_),
      last_doc_(other.last_doc_),
      skips_(std::move(other.skips_)) {
  other.capacity_ = kInlineBytes;  // the heap block (if any) is ours now
  other.size_ = other.count_ = other.last_doc_ = 0;
}

PostingList& PostingList::operator=(PostingList&& other) noexcept {
  if (this != &other) {
    this->~PostingList();
    new (this) PostingList(std::move(other));
  }
  return *this;
}

void PostingList::reserve(std::uint32_t bytes) {
  if (bytes <= capacity_) return;
  std::uint32_t capacity = capacity_ * 2;
  while (capacity < bytes) capacity *= 2;
  auto* block = static_cast<std::uint8_t*>(std::malloc(capacity));
  if (block == nullptr) throw std::bad_alloc();
  std::memcpy(block, data(), size_);
  if (!is_inline()) std::free(storage_.heap);
  storage_.heap = block;
  capacity_ = capacity;
}

void PostingList::shrink_to_fit() {
  if (is_inline() || size_ == capacity_) return;
  std::uint8_t* heap = storage_.heap;
  if (size_ <= kInlineBytes) {
    std::memcpy(storage_.bytes, heap, size_);
    capacity_ = kInlineBytes;
  } else {
    auto* block = static_cast<std::uint8_t*>(std::realloc(heap, size_));
    if (block == nullptr) return;  // keeping the larger block is fine
    storage_.heap = block;
    capacity_ = size_;
    return;
  }
  std::free(heap);
}

void PostingList::append(const Posting& posting) {
  std::uint8_t buffer[5 + 1 + 3 * 3];  // gap, frequency byte, up to three 3-byte varints
  std::size_t n = put_varint(buffer, count_ == 0 ? posting.doc : posting.doc - last_doc_);
  std::uint8_t& packed = buffer[n++];
  packed = 0;
  for (std::size_t f = 0; f < 3; ++f) {
    const std::uint32_t tf = posting.tf[f];
    packed = static_cast<std::uint8_t>(packed | (std::min(tf, kTfMax[f]) << kTfShift[f]));
  }
  for (std::size_t f = 0; f < 3; ++f) {
    if (posting.tf[f] >= kTfMax[f]) n += put_varint(buffer + n, posting.tf[f] - kTfMax[f]);
  }
  if (count_ > 0 && count_ % kSkipEvery == 0) {
    if (!skips_) skips_ = std::make_unique<std::vector<Skip>>();
    skips_->push_back({last_doc_, size_});
  }
  reserve(size_ + static_cast<std::uint32_t>(n));
  std::memcpy(data() + size_, buffer, n);
  size_ += static_cast<std::uint32_t>(n);
  ++count_;
  last_doc_ = posting.doc;
}

bool PostingList::Reader::seek(std::uint32_t doc, Posting& out) noexcept {
  if (has_current_ && current_.doc >= doc) {
    out = current_;
    return true;
  }
  if (skips_ != nullptr) {
    // The last skip entry before `doc`; jump there if it is ahead of the reader.
    auto it = std::lower_bound(skips_->begin(), skips_->end(), doc,
                               [](const Skip& s, std::uint32_t d) { return s.doc_before < d; });
    if (it != skips_->begin()) {
      --it;
      if (begin_ + it->offset > data_) {
        data_ = begin_ + it->offset;
        doc_ = it->doc_before;
        first_ = false;
      }
    }
  }
  while (next(current_)) {
    if (current_.doc >= doc) {
      has_current_ = true;
      out = current_;
      return true;
    }
  }
  has_current_ = false;
  return false;
}

}  // namespace parley::search
