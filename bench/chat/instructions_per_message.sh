#!/usr/bin/env bash
# parley-server's instructions per message on the chat_bench server-alone load, counted by
# callgrind. Unlike messages per second, the count is the same on a busy machine as on an idle
# one, so two builds compare in any weather (docs/development.md, "Chat benchmark").
#
#   bench/chat/instructions_per_message.sh [chat_bench] [--agents N]
#
# Two runs, of 4,000 and 12,000 messages: their difference over 8,000 leaves start-up out.
# Under callgrind the server is ~50x slower: the runs take a few minutes.
set -euo pipefail
bench=build/release/bench/chat_bench
if [[ $# -gt 0 && $1 != --* ]]; then bench=$1; shift; fi
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

instructions() {  # total instructions of one server run of $1 messages; the rest: chat_bench's
  local messages=$1
  shift
  PARLEY_SERVER_WRAPPER="valgrind --tool=callgrind --callgrind-out-file=$out/$messages.out" \
    "$bench" --only raw --connections 16 --window 64 --messages "$messages" "$@" >/dev/null 2>&1 ||
    { echo "chat_bench failed" >&2; exit 1; }
  awk '/^(summary|totals):/ {print $2; exit}' "$out/$messages.out"
}

small=$(instructions 4000 "$@")
large=$(instructions 12000 "$@")
echo "parley-server instructions per message ($*): $(( (large - small) / 8000 ))"
