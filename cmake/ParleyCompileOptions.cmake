# Warnings and sanitizers for every Parley target, applied through one interface target so that
# third-party code we compile (none yet) is not held to them.
add_library(parley_compile_options INTERFACE)
target_compile_options(parley_compile_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${PARLEY_WERROR}>:-Werror>)

if(PARLEY_SANITIZE STREQUAL "address")
  set(_parley_san -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
elseif(PARLEY_SANITIZE STREQUAL "thread")
  set(_parley_san -fsanitize=thread -fno-omit-frame-pointer)
elseif(NOT PARLEY_SANITIZE STREQUAL "")
  message(FATAL_ERROR "PARLEY_SANITIZE must be '', 'address' or 'thread'")
endif()
if(_parley_san)
  # Sanitizers must reach every object and the link, including C samples and test tools.
  add_compile_options(${_parley_san})
  add_link_options(${_parley_san})
endif()
