#!/usr/bin/env bash
# Scale-out figures for bench/README.md: the app on PostgreSQL as one node and as two nodes on one database, on this
# machine. For each node count it measures
#   1. requests per second for a signed-in page (/directory: sign-in cookie, a database query, server-side render),
#      with ApacheBench spread evenly over the nodes (the cookie comes from node 1: every node reads the shared keys);
#   2. reminder e-mails sent per second: DEADLINES overdue deadlines, each owing three e-mails, swept and sent by the
#      nodes' Hangfire servers through a local SMTP server (Debian's aiosmtpd, writing each message to a file);
#   3. with CIRCUITS=N (0, the default, skips it): Blazor Server circuits. bench/circuits/circuits.mjs opens N signed-in
#      interactive pages in one headless Chromium (/usr/bin/chromium, or CHROMIUM=...), round-robin over the nodes, holds
#      them open and reports per node the memory per circuit (VmRSS before and after) and the round trip of an
#      interaction on an open circuit (p50/p95). Needs Node.js and npm (playwright-core is installed on first use).
# Needs what ./test.sh installs (PostgreSQL 15, python3-aiosmtpd) and ApacheBench (apt-get install apache2-utils).
#   DEADLINES=700 REQUESTS=3000 CONCURRENCY=16 CIRCUITS=60 bench/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DEADLINES=${DEADLINES:-700}
REQUESTS=${REQUESTS:-3000}
CONCURRENCY=${CONCURRENCY:-16}
CIRCUITS=${CIRCUITS:-0}
pgbin=/usr/lib/postgresql/15/bin
for tool in "$pgbin/initdb" /usr/bin/ab; do [ -x "$tool" ] || { echo "Missing $tool (see the comment at the top)."; exit 1; }; done

if [ "$CIRCUITS" -gt 0 ]; then
  for tool in node npm "${CHROMIUM:-/usr/bin/chromium}"; do command -v "$tool" >/dev/null || { echo "CIRCUITS needs $tool."; exit 1; }; done
  [ -d bench/circuits/node_modules/playwright-core ] || (cd bench/circuits && npm ci --no-audit --no-fund --loglevel=error)
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Published, as in production: a plain build serves its static web assets (blazor.web.js, MudBlazor's scripts) only in
# Development, and without them no page becomes interactive.
app=artifacts/bench/EngagementHub.Web
dotnet publish EngagementHub.Web -c Release -o "$app" -nologo -clp:ErrorsOnly >/dev/null

# --- A throw-away PostgreSQL (as in test.sh) and a local SMTP server ----------------------------------------------
work=$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )/engagementhub-bench.XXXXXX")
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$work"; as_pg=(runuser -u postgres --); fi
pids=()
declare -A node_pid   # port -> the node's dotnet process (the subshell execs env, which execs dotnet)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pgport=$(free_port)
"${as_pg[@]}" "$pgbin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Durable settings as a real server would have them (fsync on): the figures include commit costs.
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
  -o "-k $work -h 127.0.0.1 -p $pgport -c max_connections=200" start >/dev/null
psql() { command psql -h 127.0.0.1 -p "$pgport" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
connection() { echo "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=$1;Maximum Pool Size=50"; }

smtpport=$(free_port)
mkfifo "$work/smtp.in"
/usr/bin/python3 EngagementHub.Tests/TestSupport/smtp_sink.py "$smtpport" "$work/mail" <"$work/smtp.in" >"$work/smtp.out" 2>&1 &
pids+=($!)
exec 3>"$work/smtp.in"   # holds the sink's standard input open until the script ends

# --- Nodes --------------------------------------------------------------------------------------------------------
# start_node DATABASE PORT DEMODATA: the published Release build, Production, PostgreSQL, e-mail to the local SMTP server.
# FirstStart: every database here is new, or a copy of the seed one.
start_node() {
  ( cd "$app" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$2" \
      EngagementHub__Database__Provider=PostgreSql ConnectionStrings__EngagementHub="$(connection "$1")" \
      EngagementHub__Database__FirstStart=true \
      EngagementHub__DemoData="$3" EngagementHub__Smtp__Host=127.0.0.1 EngagementHub__Smtp__Port="$smtpport" \
      EngagementHub__Smtp__UseTls=None Logging__LogLevel__Default=Warning \
      dotnet EngagementHub.Web.dll >"$work/node-$2.log" 2>&1 ) &
  pids+=($!)
  node_pid[$2]=$!
}
wait_healthy() {
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$1/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "Node on port $1 did not become healthy:"; tail -20 "$work/node-$1.log"; exit 1
}
stop_nodes() {
  for pid in "${pids[@]:1}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pids=("${pids[0]}")
}

# --- The seeded database, copied for each run ---------------------------------------------------------------------
psql -c "CREATE DATABASE seed"
seedport=$(free_port)
start_node seed "$seedport" true
wait_healthy "$seedport"
stop_nodes
# Forget the demo's own reminders and jobs; add DEADLINES copies of an open demo deadline, due 1 October 2026: long
# overdue, so each owes the latest weekly chase (owner and contact) and the escalation notice (owner): three e-mails.
columns=$(psql -d seed -c "SELECT string_agg(quote_ident(column_name), ', ') FROM information_schema.columns WHERE table_name = 'Deadlines' AND column_name <> 'Id'")
values=$(echo "$columns" | sed -e 's/"Received"/DATE '"'"'2026-09-03'"'"'/' -e 's/"DueDate"/DATE '"'"'2026-10-01'"'"'/' \
  -e 's/"OriginalDueDate"/DATE '"'"'2026-10-01'"'"'/' -e 's/"Version"/gen_random_uuid()/')
psql -d seed <<SQL
DELETE FROM "Notifications"; DELETE FROM "ReminderDeliveries"; DROP SCHEMA hangfire CASCADE;
INSERT INTO "Deadlines" ($columns)
SELECT $values FROM (SELECT * FROM "Deadlines" WHERE "State" = 'Awaiting' AND "ToContactId" IS NOT NULL ORDER BY "Id" LIMIT 1) AS d
CROSS JOIN generate_series(1, $DEADLINES);
UPDATE "Deadlines" SET "State" = 'Answered' WHERE "DueDate" <> DATE '2026-10-01';
SQL

signin() { # signin PORT -> the auth cookie "name=value"
  local jar="$work/cookies" token
  rm -f "$jar"
  token=$(curl -fs -c "$jar" "http://127.0.0.1:$1/account/login" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "_handler=signin" \
    --data-urlencode "Input.Email=viewer@demo.engagementhub.test" --data-urlencode "Input.Password=Demo-Pass-2026!" "http://127.0.0.1:$1/account/login"
  awk '$6 == "EngagementHub.Auth" { print $6 "=" $7 }' "$jar"
}

echo "| nodes | /directory requests/s (c=$CONCURRENCY) | mean latency ms | e-mails | seconds | e-mails/s |"
echo "|---:|---:|---:|---:|---:|---:|"
for nodes in 1 2; do
  db="run$nodes"
  psql -c "CREATE DATABASE $db TEMPLATE seed"
  rm -rf "$work/mail"; mkdir -p "$work/mail"
  ports=()
  for _ in $(seq 1 "$nodes"); do ports+=("$(free_port)"); done
  # Nodes start together; each queues the start-up catch-up, whose sweep records the e-mails and queues them.
  for port in "${ports[@]}"; do start_node "$db" "$port" false; done
  for port in "${ports[@]}"; do wait_healthy "$port"; done
  sent=0; seconds=0
  if [ "$DEADLINES" -gt 0 ]; then   # DEADLINES=0 skips the e-mail phase (e.g. to measure only pages and circuits)
    expected=$(( DEADLINES * 3 ))
    until [ "$(psql -d "$db" -c "SELECT count(*) FROM \"ReminderDeliveries\" WHERE \"Channel\" = 'Email' AND \"Status\" = 'Sent'" 2>/dev/null || echo 0)" -ge "$expected" ]; do sleep 0.2; done
    read -r sent seconds < <(psql -d "$db" -F ' ' -c "SELECT count(*), round(extract(epoch FROM max(\"SentAt\") - min(\"CreatedAt\"))::numeric, 1) FROM \"ReminderDeliveries\" WHERE \"Channel\" = 'Email' AND \"Status\" = 'Sent'")
    received=$(ls "$work/mail" | grep -c '\.eml$' || true)
    [ "$received" -eq "$sent" ] || echo "Warning: the SMTP server received $received messages for $sent sent deliveries."
  fi

  cookie=$(signin "${ports[0]}")
  per_node=$(( REQUESTS / nodes )); c=$(( CONCURRENCY / nodes ))
  for port in "${ports[@]}"; do ab -q -k -n 200 -c "$c" -C "$cookie" "http://127.0.0.1:$port/directory" >/dev/null 2>&1; done  # warm-up
  abs=()
  for port in "${ports[@]}"; do ab -q -k -n "$per_node" -c "$c" -C "$cookie" "http://127.0.0.1:$port/directory" >"$work/ab-$port.txt" 2>&1 & abs+=($!); done
  wait "${abs[@]}"
  for port in "${ports[@]}"; do grep -q "Non-2xx responses" "$work/ab-$port.txt" && { echo "Non-2xx responses from node $port:"; cat "$work/ab-$port.txt"; exit 1; }; done
  rps=$(cat "$work"/ab-*.txt | awk '/Requests per second/ { s += $4 } END { printf "%.0f", s }')
  latency=$(cat "$work"/ab-*.txt | awk '/Time per request:.*\(mean\)$/ { s += $4; n++ } END { printf "%.1f", s / n }')
  rm -f "$work"/ab-*.txt
  echo "| $nodes | $rps | $latency | $sent | $seconds | $(echo "$sent $seconds" | awk '{ printf "%.0f", ($2 > 0 ? $1 / $2 : 0) }') |"
  if [ "$CIRCUITS" -gt 0 ]; then
    spec=""
    for port in "${ports[@]}"; do spec+="http://127.0.0.1:$port=${node_pid[$port]},"; done
    node bench/circuits/circuits.mjs --nodes "${spec%,}" --cookie "$cookie" --circuits "$CIRCUITS" >"$work/circuits-$nodes.json"
  fi
  stop_nodes
done

if [ "$CIRCUITS" -gt 0 ]; then
  echo
  echo "| nodes | node | circuits held | seconds to open all | VmRSS before → after | MB per circuit | interaction p50 | p95 |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  for nodes in 1 2; do
    n=0
    while read -r line; do
      n=$((n + 1))
      echo "$line" | node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
        console.log(`| ${process.argv[1]} | ${process.argv[2]} | ${r.circuits} | ${r.openSeconds} | ${r.rssBeforeMb} → ${r.rssAfterMb} MB | ${r.mbPerCircuit} | ${r.p50Ms} ms | ${r.p95Ms} ms |`)' "$nodes" "$n"
    done <"$work/circuits-$nodes.json"
  done
fi
