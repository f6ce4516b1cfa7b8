#!/usr/bin/env bash
# The whole test suite, from a fresh machine: local services up (installed if missing, chromium too), build, every
# test project, the browser tests (web/e2e), and one closing line with the totals: "N passed, N failed".
#
# Services: this checkout's own (ports: see infra/local/services.sh; two clones can run this side by side).
# What this run started it stops again when it ends, also when it fails or is interrupted; services that
# were already running (e.g. your own `services.sh up`) stay up. AB_KEEP_SERVICES=1 leaves everything running.
# The list of what a run started is .local/started-by-<pid>: with two runs in one checkout, the one that ends last
# stops them; what a run killed outright (SIGKILL) started, the next run stops.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mkdir -p "$root/.local"

# services.sh up appends each service it starts itself to this file (AB_SERVICES_STARTED_FILE), named after this
# run's pid. The files of other runs of this checkout tell whether they are still going.
started="$root/.local/started-by-$$"

# True if <pid> is a test.sh still running in this checkout (its working directory is the repo root).
live_run() {
  kill -0 "$1" 2>/dev/null && grep -q 'test\.sh' "/proc/$1/cmdline" 2>/dev/null &&
    [ "$(readlink "/proc/$1/cwd" 2>/dev/null)" = "$(pwd -P)" ]
}

# Prints the pid of another test.sh of this checkout that is still running, if any.
# shellcheck disable=SC2317 # called from the EXIT trap
other_live_run() {
  local file pid
  for file in "$root"/.local/started-by-*; do
    pid="${file##*-}"
    if [[ "$pid" =~ ^[0-9]+$ && "$pid" != "$$" ]] && live_run "$pid"; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# The EXIT trap: stops what this run started (see the header); keeps the exit status.
# shellcheck disable=SC2317 # called from the EXIT trap
stop_started_services() {
  local rc=$? services=() other
  set +e
  mapfile -t services < <(sort -u "$started" 2>/dev/null)
  if [ "${#services[@]}" -eq 0 ]; then
    :
  elif [ "${AB_KEEP_SERVICES:-}" = 1 ]; then
    echo "AB_KEEP_SERVICES=1: leaving running what this run started (${services[*]}); stop with: bash infra/local/services.sh down" >&2
  elif other="$(other_live_run)"; then
    # Another test run of this checkout still uses them: hand them over, it stops them when it ends.
    echo "Leaving ${services[*]} running for the other test run of this checkout (pid $other), which stops them" >&2
    printf '%s\n' "${services[@]}" >>"$root/.local/started-by-$other"
  else
    echo "Stopping what this run started: ${services[*]} (AB_KEEP_SERVICES=1 keeps them)" >&2
    bash infra/local/services.sh down "${services[@]}" >&2
  fi
  rm -f "$started"
  exit "$rc"
}
: >"$started"
trap stop_started_services EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A run that was killed outright (no trap) left its list behind: adopt it, so that its services, which this
# run then finds running, are stopped when this run ends.
for file in "$root"/.local/started-by-*; do
  pid="${file##*-}"
  if [[ -f "$file" && "$pid" =~ ^[0-9]+$ && "$pid" != "$$" ]] && ! live_run "$pid"; then
    if [ -s "$file" ]; then
      echo "An earlier test run (pid $pid) ended without stopping what it started ($(sort -u "$file" | tr '\n' ' ')); this run stops it" >&2
    fi
    cat "$file" >>"$started"
    rm -f "$file"
  fi
done

# Not eval "$(...)" directly: eval would hide a failed `up`.
services_env="$(AB_SERVICES_STARTED_FILE="$started" bash infra/local/services.sh up)"
eval "$services_env"

log="$root/.local/test-output.log"

dotnet build AutoBooking.sln -c Release --nologo -v quiet
set +e
dotnet test AutoBooking.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Totals over every test project, from each project's summary line
# ("Passed!  - Failed:     0, Passed:    38, Skipped: ..." or "Failed!  - Failed: 1, Passed: 37, ...").
passed=0
failed=0
summaries=0
while read -r f p; do
  failed=$((failed + f))
  passed=$((passed + p))
  summaries=$((summaries + 1))
done < <(sed -n 's/.*\(Passed\|Failed\)! *- *Failed: *\([0-9]*\), *Passed: *\([0-9]*\),.*/\2 \3/p' "$log")
projects=$(grep -c 'Tests\.csproj' AutoBooking.sln)
if [ "$summaries" -lt "$projects" ]; then
  echo "Only $summaries of $projects test projects reported results (a test host crashed?)" >&2
  failed=$((failed + projects - summaries))
  status=1
fi

# Web tests: the web app's unit tests (Vitest), the app built (npm run build, which checks the API types are current),
# then the browser tests (web/e2e): Playwright Test with Debian's chromium against the built WebTestHost (the real
# worker over the host protocol). Their counts join the totals; a failure fails the run. AB_SKIP_BROWSER_TESTS=1
# leaves them out (say so: the totals then lack them).
# npm ci only when node_modules is missing or older than the lock file, so re-runs are quick.
npm_ci_if_needed() {
  if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$1" --no-audit --no-fund
  fi
}
if [ "${AB_SKIP_BROWSER_TESTS:-}" = 1 ]; then
  echo "AB_SKIP_BROWSER_TESTS=1: browser tests (web/e2e) not run" >&2
else
  browser_log="$root/.local/browser-test-output.log"
  results="$root/web/e2e/test-results/results.json"
  unit_results="$root/.local/web-unit-results.json"
  rm -f "$results" "$unit_results"
  set +e
  (
    set -e
    npm_ci_if_needed "$root/web"
    (cd "$root/web" && npx vitest run --reporter=default --reporter=json --outputFile.json="$unit_results")
    npm run build --prefix "$root/web"
    npm_ci_if_needed "$root/web/e2e"
    cd "$root/web/e2e"
    npx playwright test
  ) 2>&1 | tee "$browser_log"
  browser_status=${PIPESTATUS[0]}
  set -e
  if [ -f "$results" ]; then
    read -r browser_passed browser_failed < <(node -e '
      const s = require(process.argv[1]).stats;
      console.log(s.expected + s.flaky, s.unexpected);' "$results")
  else
    browser_passed=0
    browser_failed=0
  fi
  if [ -f "$unit_results" ]; then
    read -r unit_passed unit_failed < <(node -e '
      const r = require(process.argv[1]);
      console.log(r.numPassedTests, r.numFailedTests);' "$unit_results")
    echo "Web unit tests: ${unit_passed} passed, ${unit_failed} failed"
    browser_passed=$((browser_passed + unit_passed))
    browser_failed=$((browser_failed + unit_failed))
  fi
  if [ "$browser_status" -ne 0 ] && [ "$browser_failed" -eq 0 ]; then
    echo "The web tests failed before reporting results (npm ci, the web build or the WebTestHost); read $browser_log" >&2
    browser_failed=1
  fi
  echo "Web tests (unit and browser): ${browser_passed} passed, ${browser_failed} failed (screenshots under web/e2e/test-results/)"
  passed=$((passed + browser_passed))
  failed=$((failed + browser_failed))
  if [ "$browser_status" -ne 0 ]; then status=1; fi
fi

echo "${passed} passed, ${failed} failed"
exit "$status"
