#!/usr/bin/env bash
# The one test command: installs what the tests need, builds, runs every test (unit, data, bUnit, HTTP and
# real-browser), and ends with one plain line "N passed, N failed, N skipped". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"

# --- What the tests need from the operating system -------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)   # the browser for the end-to-end tests
# A real SMTP server for the e-mail tests; importable only by Debian's own interpreter, not the python3 first on PATH.
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from apt..."
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "Could not install ${missing[*]}"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

# --- Build once (warnings are errors), then test --------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
if ! dotnet build EngagementHub.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "The build failed."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

results=$(mktemp -d)
dotnet test EngagementHub.sln -c Release --no-build --nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=minimal" --results-directory "$results"
status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "The test run produced no results."
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

counter() { grep -o "<Counters [^>]*" "$trx" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
total=$(counter total); passed=$(counter passed); failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
skipped=$(( total - passed - failed ))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
