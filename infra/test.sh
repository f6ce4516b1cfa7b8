#!/usr/bin/env bash
# The whole test suite, from a fresh machine: local services up (installed if missing), build, every test
# project, and one closing line with the totals: "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

eval "$(bash infra/local/services.sh up)"

results="$root/.local/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build AutoBooking.sln -c Release --nologo -v quiet
status=0
dotnet test AutoBooking.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" || status=$?

# Totals over every test project, from the TRX files (one per project).
passed=0
failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ "${#trx_files[@]}" -eq 0 ] && [ "$status" -ne 0 ]; then
  failed=$((failed + 1))
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
