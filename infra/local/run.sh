#!/usr/bin/env bash
# One command to run the pipeline locally: services (PostgreSQL, Redis, Azurite), the provider sandbox,
# local.settings.json from the sample, the migrate step (as a deploy runs it), then `func start`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

eval "$(bash infra/local/services.sh up)"

mkdir -p .local/logs
sandbox_url="http://127.0.0.1:4010"
if ! (exec 3<>/dev/tcp/127.0.0.1/4010) 2>/dev/null; then
  echo "Starting the provider sandbox on $sandbox_url (log: .local/logs/sandbox.log)" >&2
  dotnet build tests/AutoBooking.Sandbox -v quiet --nologo >&2
  setsid nohup dotnet run --no-build --project tests/AutoBooking.Sandbox -- --urls "$sandbox_url" \
    > .local/logs/sandbox.log 2>&1 &
  echo $! > .local/sandbox.pid
  for _ in $(seq 1 60); do
    (exec 3<>/dev/tcp/127.0.0.1/4010) 2>/dev/null && break
    sleep 1
  done
fi

# func reads local.settings.json from the Functions project folder; it is git-ignored (it may hold secrets).
settings=functions/AutoBooking.Functions/local.settings.json
if [ ! -f "$settings" ]; then
  cp local.settings.sample.json "$settings"
  echo "Created $settings from local.settings.sample.json" >&2
fi

# Migrations are a step of their own (the app only checks the schema at start-up): the same build's migrate command.
echo "Migrating the database (dotnet run --project functions/AutoBooking.Functions -- migrate)" >&2
dotnet run --project functions/AutoBooking.Functions -v quiet -- migrate --settings "$settings"

if ! command -v func >/dev/null 2>&1; then
  cat >&2 <<MSG
Services and the sandbox are running, but Azure Functions Core Tools (func) is not installed.
Install Core Tools v4 (https://learn.microsoft.com/azure/azure-functions/functions-run-local), then run:
  bash infra/local/run.sh
MSG
  exit 1
fi

cd functions/AutoBooking.Functions
exec func start --csharp
