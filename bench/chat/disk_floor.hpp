#pragma once
// The storage floor: what one flush to stable storage costs on the disk the server's database
// is on (the temporary directory, as in chat_bench). An acknowledgement waits for one on the
// server, which the echo floor does not have; this puts a number on it, measured in the same
// run.
#include "stats.hpp"

namespace parley::bench {

// `rounds` times: a 4 KiB page written at the end of a file, then fdatasync.
Latency measure_flush(int rounds);

}  // namespace parley::bench
