#!/usr/bin/env bash
# One command to run the pipeline locally: services (PostgreSQL, Redis, Azurite), the provider sandbox,
# local.settings.json from the sample, the migrate step (as a deploy runs it), then `func start`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

# The services' settings (their ports may differ per checkout, see services.sh) as environment variables, which win
# over local.settings.json for func and for migrate. Not eval "$(...)" directly: eval would hide a failed `up`.
services_env="$(bash infra/local/services.sh up)"
eval "$services_env"

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
# Not `dotnet run`: the Functions worker SDK makes `dotnet run` launch Core Tools (func start) instead of the program.
echo "Migrating the database (dotnet functions/AutoBooking.Functions/bin/Debug/net10.0/AutoBooking.Functions.dll migrate)" >&2
dotnet build functions/AutoBooking.Functions -v quiet --nologo >&2
dotnet functions/AutoBooking.Functions/bin/Debug/net10.0/AutoBooking.Functions.dll migrate --settings "$settings"

# Core Tools v4, pinned, installed through npm into infra/local/node_modules like Azurite (not in package.json: its
# postinstall downloads the real binaries from Microsoft's CDN, and services.sh must not depend on that).
# 4.12.1 is the newest release whose engines field still accepts Node 20 (4.14+ require Node >= 22).
core_tools_version=4.12.1
local_func="$root/infra/local/node_modules/.bin/func"
if command -v func >/dev/null 2>&1; then
  func_cmd=func
elif [ -x "$local_func" ] && "$local_func" --version >/dev/null 2>&1; then
  func_cmd="$local_func"
else
  echo "Installing Azure Functions Core Tools $core_tools_version (npm, into infra/local/node_modules)" >&2
  install_log=.local/logs/core-tools-install.log
  if ! npm install --no-save --no-audit --no-fund --prefix infra/local "azure-functions-core-tools@$core_tools_version" >"$install_log" 2>&1; then
    download_url=$(grep -o 'https://[^" ]*Azure\.Functions\.Cli[^" ]*\.zip' "$install_log" | head -n 1 || true)
    if grep -qE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|socket hang up|status code' "$install_log" \
        && grep -q 'attempting to GET' "$install_log"; then
      cat >&2 <<MSG

Core Tools could not be installed: the npm package installed, but its install step could not download the
Core Tools binaries from Microsoft's CDN${download_url:+ ($download_url)}; this machine cannot reach it.
Services, the sandbox and the migrated database are running. To start the app, install Core Tools v4 on a
machine that can reach the CDN (Microsoft's apt repository: azure-functions-core-tools-4, or the zip above,
unpacked with its func on PATH), then run: bash infra/local/run.sh
Details: $install_log
MSG
    else
      echo "Core Tools install failed (npm); details: $install_log" >&2
      tail -n 20 "$install_log" >&2
    fi
    exit 1
  fi
  func_cmd="$local_func"
fi

cd functions/AutoBooking.Functions
exec "$func_cmd" start --csharp
