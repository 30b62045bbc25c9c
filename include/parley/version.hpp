#pragma once
// Version of the Parley C++ API. The C ABI has the same numbers in parley.h.
#define PARLEY_CPP_VERSION_MAJOR 0
#define PARLEY_CPP_VERSION_MINOR 1
#define PARLEY_CPP_VERSION_PATCH 0

// Every C++ API type lives in this inline namespace, so that two incompatible builds of the
// library in one process fail to link instead of misbehaving (as nlohmann/json does).
#define PARLEY_ABI_NAMESPACE v0_1
