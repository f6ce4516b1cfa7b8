#!/usr/bin/env bash
# The whole test suite, from a fresh machine: local services up (installed if missing), build, every test
# project, and one closing line with the totals: "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

eval "$(bash infra/local/services.sh up)"

log="$root/.local/test-output.log"
mkdir -p "$root/.local"

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
echo "${passed} passed, ${failed} failed"
exit "$status"
