#!/usr/bin/env bash
# The demo: builds Parley, starts parley-server on an embedded SQLite file with the sample FAQ,
# starts a scripted support agent, and runs the chat-cli sample app against them.
# In a terminal you chat yourself; without one it plays a short scripted tour.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release --target parley-server chat-cli demo-agent

bin=build/release
work=$(mktemp -d)
port=${PARLEY_DEMO_PORT:-8787}
cleanup() {
  kill "${agent_pid:-}" "${server_pid:-}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

"$bin/server/parley-server" --dev --db "$work/demo.db" --faq samples/faq \
  --ticket-schema samples/ticket-schema.json --port "$port" \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done
url="ws://127.0.0.1:$port/v1"
echo "parley-server is up at $url (log: $work/server.log)"

mint() { "$bin/server/parley-server" mint-token --secret parley-dev-secret "$@"; }
"$bin/samples/demo-agent/demo-agent" --server "$url" --token "$(mint --sub agent-sam --name Sam --kind agent)" &
agent_pid=$!

# The agent console: open it in a browser and sign in as a second agent to watch (and answer)
# what happens in the chat below, live.
echo "Agent console: http://127.0.0.1:$port/console/ — sign in with this agent token:"
echo "  $(mint --sub agent-kim --name Kim --kind agent --ttl 86400)"

user_token=$(mint --sub demo-user --name "${USER:-Guest}")
if [ -t 0 ] && [ -t 1 ]; then
  "$bin/samples/chat-cli/chat-cli" --server "$url" --token "$user_token" --store "$work/app.db"
else
  "$bin/samples/chat-cli/chat-cli" --server "$url" --token "$user_token" --store "$work/app.db" --tour
fi
