#!/bin/sh
# Soak/load test: USERS concurrent users (default 200, each its own ServiceNow account in the simulator) against
# `snowgate serve` + `snowgate simulator --control` for DURATION seconds (default 300), with faults switched on and
# off through the simulator's control API. Checks: no 5xx / INTERNAL_SERVER_ERROR from the gateway, every response
# holds only its own user's records, RSS flat, no leaked file descriptors. Not part of `make test`: see
# docs/RELIABILITY.md. Usage: scripts/soak.sh  (or DURATION=120 USERS=200 SNOWGATE_BIN=.build/release/snowgate ...)
set -eu
cd "$(dirname "$0")/.."
DURATION="${DURATION:-300}"
USERS="${USERS:-200}"
FAULT_EVERY="${FAULT_EVERY:-30}"
FAULT_FOR="${FAULT_FOR:-6}"
THINK_MS="${THINK_MS:-500}"
PYTHON="${PYTHON:-python3}"
if [ -z "${SNOWGATE_BIN:-}" ]; then
    swift build --product snowgate >/dev/null
    SNOWGATE_BIN="$(swift build --show-bin-path)/snowgate"
fi
work="$(mktemp -d)"
sim_pid=""
gw_pid=""
cleanup() {
    [ -n "$gw_pid" ] && kill "$gw_pid" 2>/dev/null || true
    [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

http_get() { "$PYTHON" -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$1"; }
free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
gw_port="$(free_port)"
gateway="http://127.0.0.1:$gw_port"
client_secret="soak-secret-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"

"$SNOWGATE_BIN" simulator --port 0 --control --users "$USERS" \
    --latency-round-trip-ms "${SIM_ROUND_TRIP_MS:-5}" --latency-transaction-ms "${SIM_TRANSACTION_MS:-2}" \
    --client "soak:$client_secret:$gateway/oauth/callback" >"$work/simulator.log" 2>&1 &
sim_pid=$!
simulator=""
for _ in $(seq 1 200); do
    simulator="$(sed -n 's/^ServiceNow simulator listening on \(http[^ ]*\).*/\1/p' "$work/simulator.log" | head -n 1)"
    [ -n "$simulator" ] && break
    sleep 0.1
done
[ -n "$simulator" ] || { echo "the simulator did not start:"; cat "$work/simulator.log"; exit 1; }

SNOWGATE_AUTH_SECRET="soak-auth-secret-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
export SNOWGATE_AUTH_SECRET
SNOWGATE_DATA_KEY="$(head -c 32 /dev/urandom | base64)" \
    "$SNOWGATE_BIN" serve --port "$gw_port" --database "$work/soak.sqlite" --public-url "$gateway" \
    --allow-http-loopback-instance --log-level "${LOG_LEVEL:-warning}" >"$work/gateway.log" 2>&1 &
gw_pid=$!
for _ in $(seq 1 200); do
    http_get "$gateway/readyz" >/dev/null 2>&1 && break
    sleep 0.1
done
http_get "$gateway/readyz" >/dev/null 2>&1 || { echo "the gateway did not start:"; cat "$work/gateway.log"; exit 1; }
echo "simulator $simulator (pid $sim_pid), gateway $gateway (pid $gw_pid), $USERS users, $DURATION s"

status=0
"$PYTHON" scripts/soak.py --gateway "$gateway" --simulator "$simulator" --gateway-pid "$gw_pid" \
    --client-id soak --client-secret "$client_secret" --users "$USERS" --duration "$DURATION" \
    --fault-every "$FAULT_EVERY" --fault-for "$FAULT_FOR" --think-ms "$THINK_MS" || status=$?
echo
echo "gateway log (warnings and above, last 15 lines):"
tail -n 15 "$work/gateway.log"
http_get "$gateway/metrics" | grep -E '^snowgate_upstream_(retries_total|circuit_transitions_total)' || true
exit "$status"
