#!/usr/bin/env bash
# The one test command: installs what the tests need, starts a throw-away PostgreSQL, builds, runs every test (unit,
# data and HTTP on SQLite and on PostgreSQL, bUnit, real-browser), and ends with one plain line
# "N passed, N failed, N skipped", after a line saying how long each step and the whole command took. Exits non-zero
# on any failure.
set -uo pipefail
cd "$(dirname "$0")"

# --- How long it took: each step and the whole, printed with the result (the bar is under 5 minutes on 2 cores) ---
started=$SECONDS
step_started=$SECONDS
steps=""
step_done() { steps+="${steps:+, }$1 $(( SECONDS - step_started ))s"; step_started=$SECONDS; }
summary() {
  local total=$(( SECONDS - started ))
  echo "Took $(( total / 60 ))m $(( total % 60 ))s (${steps:-nothing timed})"
  echo "$1"
}

# --- What the tests need from the operating system -------------------------------------------------------
missing=()
# The browser for the end-to-end tests: Chromium's headless build, lighter than the full browser for the same pages.
[ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell)
# A real SMTP server for the e-mail tests; importable only by Debian's own interpreter, not the python3 first on PATH.
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
# PostgreSQL 15 for the PostgreSQL variants of the data, reminder and HTTP tests (a throw-away server, started below).
pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from apt..."
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "Could not install ${missing[*]}"; summary "0 passed, 1 failed, 0 skipped"; exit 1; }
fi
step_done "apt"

# --- A throw-away PostgreSQL on 127.0.0.1 -------------------------------------------------------------------
# Its own data folder (in memory when /dev/shm exists) and a free port, so it never meets a server already running;
# stopped and deleted on exit. fsync and synchronous commit are off: nothing in it needs to survive a crash, and each
# test creates and drops a database of its own.
pgroot=$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )/engagementhub-pg.XXXXXX")
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb and postgres refuse to run as root: run them as Debian's postgres user, which the package creates.
  chown postgres "$pgroot"
  as_pg=(runuser -u postgres --)
fi
stop_postgres() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgroot/data" -m fast stop >/dev/null 2>&1
  rm -rf "$pgroot"
}
trap stop_postgres EXIT
if ! "${as_pg[@]}" "$pgbin/initdb" -D "$pgroot/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$pgroot/initdb.log" 2>&1; then
  cat "$pgroot/initdb.log"; echo "Could not create the test PostgreSQL cluster."; summary "0 passed, 1 failed, 0 skipped"; exit 1
fi
pgport=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
  port=$(( 20000 + RANDOM % 20000 ))
  if "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgroot/data" -l "$pgroot/server.log" -w -t 30 \
       -o "-k $pgroot -h 127.0.0.1 -p $port -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
       start >/dev/null 2>&1; then
    pgport=$port; break
  fi
done
if [ -z "$pgport" ]; then
  tail -20 "$pgroot/server.log" 2>/dev/null; echo "Could not start the test PostgreSQL."; summary "0 passed, 1 failed, 0 skipped"; exit 1
fi
export ENGAGEMENTHUB_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"
step_done "PostgreSQL"

# --- Build once (warnings are errors, the .editorconfig's style rules included), then test ----------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The build's own .NET processes (MSBuild, the compiler server, the layout check) live about a minute: tiered PGO's
# instrumented recompilation of every warm method, and recompiling after 30 calls, never pay back in that time. Without
# them a clean build used 66-74 busy core-seconds against 115-155 (docs/decisions/0020). Only for these steps: the
# test host sets its own (TieredPGO in its project file, the threshold on the dotnet test line below).
build_runtime=(env DOTNET_TieredPGO=0 DOTNET_TC_CallCountThreshold=1000)
"${build_runtime[@]}" dotnet tool restore >/dev/null
# Layout as .editorconfig sets it, checked while the build runs: it reads only the source files (not obj/ or bin/), and
# the build leaves part of a core idle, where the check's few seconds fit. A difference counts as a failure but the
# tests still run, so one run says everything. It runs without tiered compilation: the formatter's copy of Roslyn is
# not precompiled, and it runs the same code over every source file, so with tiers much of it was compiled twice (quickly,
# then again once warm) in a process that lives a few seconds: 8.7 CPU-seconds against 12.1 (docs/decisions/0020).
layout_log=$(mktemp)
"${build_runtime[@]}" DOTNET_TieredCompilation=0 dotnet format whitespace --folder --verify-no-changes >"$layout_log" 2>&1 &
layout_pid=$!
layout_failed=0
layout_result() {
  if ! wait "$layout_pid"; then
    cat "$layout_log"
    echo "The layout differs from .editorconfig: run 'dotnet format whitespace --folder' and commit the result."
    layout_failed=1
  fi
  rm -f "$layout_log"
}
# One compiler server for the build's projects, whatever the environment says (some set UseSharedCompilation=false):
# each project's compilation then reuses the compiler, analysers and source generators already loaded and compiled
# instead of starting them afresh (a clean build on two cores: 90 s against 106 s). Stopped once the build is done.
build_ok=1
"${build_runtime[@]}" dotnet build EngagementHub.sln -c Release -nologo -clp:ErrorsOnly -p:UseSharedCompilation=true || build_ok=0
dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1
if [ "$build_ok" -eq 0 ]; then
  echo "The build failed."
  layout_result
  summary "0 passed, $(( 1 + layout_failed )) failed, 0 skipped"
  exit 1
fi
layout_result
step_done "restore, build and layout"

results=$(mktemp -d)
# A method is recompiled optimised after 1,000 calls instead of the runtime's 30. The test host starts a hundred apps and
# runs most of their code a few dozen times, so at 30 it recompiled code it would never run enough to earn back: the
# HTTP classes used 135-146 busy core-seconds against 153 (docs/decisions/0020). The apps the tests start as processes
# inherit it; a deployed app keeps the runtime's default.
# The built test assembly is given to the test platform directly: through the solution, `dotnet test` first evaluates
# every project with MSBuild to find the one test project, about 3 s before the first test starts.
DOTNET_TC_CallCountThreshold=1000 dotnet test EngagementHub.Tests/bin/Release/net10.0/EngagementHub.Tests.dll --nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?
step_done "tests"

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "The test run produced no results."
  summary "0 passed, 1 failed, 0 skipped"
  exit 1
fi

counter() { grep -o "<Counters [^>]*" "$trx" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
total=$(counter total); passed=$(counter passed); failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
skipped=$(( total - passed - failed ))
summary "$passed passed, $(( failed + layout_failed )) failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$layout_failed" -eq 0 ] && [ "$total" -gt 0 ]
