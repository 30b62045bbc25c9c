#pragma once
// The exception firewall: every entry point of parley.h runs its body through guard() (or
// guard_value() for readers that return a value), so that no exception crosses the C ABI and
// every failure leaves a status and a thread-local message.
#include <exception>
#include <new>
#include <string_view>

#include "capi/enums.hpp"
#include "capi/last_error.hpp"
#include "parley/parley.h"
#include "parley/types.hpp"

namespace parley::capi {

// Records the failure of `function` and returns the status that reports it.
inline parley_status fail(std::string_view function, parley_status status,
                          std::string_view message) noexcept {
  set_last_error(function, message);
  return status;
}

// Maps whatever is being thrown to a status and records its message. Call only inside a
// catch block.
inline parley_status fail_with_current_exception(std::string_view function) noexcept {
  try {
    throw;
  } catch (const Exception& e) {
    const parley_status status = status_of(e.code());
    return fail(function, status == PARLEY_OK ? PARLEY_E_INTERNAL : status, e.what());
  } catch (const std::bad_alloc&) {
    return fail(function, PARLEY_E_NO_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    return fail(function, PARLEY_E_INTERNAL, e.what());
  } catch (...) {
    return fail(function, PARLEY_E_INTERNAL, "unknown exception");
  }
}

// Runs `body` (which reports failures by throwing, usually parley::Exception) and returns
// PARLEY_OK or the failure's status. Clears the last error first.
template <class Body>
parley_status guard(std::string_view function, Body&& body) noexcept {
  clear_last_error();
  try {
    body();
    return PARLEY_OK;
  } catch (...) {
    return fail_with_current_exception(function);
  }
}

// As guard(), for readers that return a value: `fallback` when `body` throws.
template <class T, class Body>
T guard_value(std::string_view function, T fallback, Body&& body) noexcept {
  clear_last_error();
  try {
    return body();
  } catch (...) {
    fail_with_current_exception(function);
    return fallback;
  }
}

}  // namespace parley::capi
