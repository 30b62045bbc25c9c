#include "capi/strings.hpp"

#include <cstdlib>
#include <cstring>
#include <new>

namespace parley::capi {

char* caller_owned_copy(std::string_view text) {
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

}  // namespace parley::capi
