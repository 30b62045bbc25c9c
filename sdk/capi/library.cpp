// Library-wide functions of parley.h: errors, versions, features, memory.
#include <cstdlib>
#include <string_view>

#include "capi/enums.hpp"
#include "capi/last_error.hpp"
#include "parley/parley.h"
#include "parley/version.hpp"

static_assert(PARLEY_VERSION_MAJOR == PARLEY_CPP_VERSION_MAJOR &&
                  PARLEY_VERSION_MINOR == PARLEY_CPP_VERSION_MINOR &&
                  PARLEY_VERSION_PATCH == PARLEY_CPP_VERSION_PATCH,
              "parley.h and parley/version.hpp must carry the same version");
static_assert(PARLEY_VERSION_MAJOR == PARLEY_PROJECT_VERSION_MAJOR &&
                  PARLEY_VERSION_MINOR == PARLEY_PROJECT_VERSION_MINOR &&
                  PARLEY_VERSION_PATCH == PARLEY_PROJECT_VERSION_PATCH,
              "parley.h must carry the version of project(parley VERSION ...)");
#define PARLEY_DETAIL_TEXT(x) #x
#define PARLEY_DETAIL_NUMBER_TEXT(x) PARLEY_DETAIL_TEXT(x)
static_assert(std::string_view(PARLEY_VERSION_STRING) ==
                  PARLEY_DETAIL_NUMBER_TEXT(PARLEY_VERSION_MAJOR) "." PARLEY_DETAIL_NUMBER_TEXT(
                      PARLEY_VERSION_MINOR) "." PARLEY_DETAIL_NUMBER_TEXT(PARLEY_VERSION_PATCH),
              "PARLEY_VERSION_STRING must spell PARLEY_VERSION_MAJOR.MINOR.PATCH");

PARLEY_API const char* parley_last_error_message(void) noexcept {
  return parley::capi::last_error();
}

PARLEY_API const char* parley_status_name(parley_status status) noexcept {
  const char* name = parley::capi::status_name(parley::capi::raw_value(status));
  return name != nullptr ? name : "unknown";
}

PARLEY_API void parley_version(int* major, int* minor, int* patch) noexcept {
  if (major != nullptr) *major = PARLEY_VERSION_MAJOR;
  if (minor != nullptr) *minor = PARLEY_VERSION_MINOR;
  if (patch != nullptr) *patch = PARLEY_VERSION_PATCH;
}

PARLEY_API uint32_t parley_features(void) noexcept {
  return PARLEY_FEATURE_THREADS | PARLEY_FEATURE_PERSISTENT_STORE | PARLEY_FEATURE_OFFLINE_SEARCH |
         PARLEY_FEATURE_RECEIPTS;
}

// Everything handed to the caller to free is allocated with malloc (see strings.hpp).
PARLEY_API void parley_free(void* memory) noexcept { std::free(memory); }
