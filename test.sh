#!/usr/bin/env bash
# Builds everything with warnings as errors and runs every test project.
# Starts what the tests need (a throw-away PostgreSQL on 127.0.0.1), installing it when missing.
# Last line: "N passed, N failed" (", N skipped" when any were), counted from the TRX results.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
config=${HUELLA_TEST_CONFIGURATION:-Release}
work=$(mktemp -d /tmp/huella-test.XXXXXX)
chmod 755 "$work"
pg_bin=""
pg_data="$work/pg"

log() { printf '[test.sh] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

find_postgres() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then pg_bin=$dir; return 0; fi
  done
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then pg_bin=$(dirname "$(command -v initdb)"); return 0; fi
  return 1
}

# PostgreSQL refuses to run as root: run the server as an unprivileged account.
pg_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The printed acta's PNG draws its text with a system font (the PDF needs none).
ensure_fonts() {
  if command -v fc-list >/dev/null && [ -n "$(fc-list 2>/dev/null | head -1)" ]; then return 0; fi
  log "No system fonts found; installing fonts-dejavu-core from Debian packages"
  as_root apt-get update -qq >&2 || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fontconfig fonts-dejavu-core >&2 || { log "fonts could not be installed"; exit 1; }
}

# The portal's browser tests drive Debian's chromium through Playwright (which cannot download browsers here).
ensure_chromium() {
  local path
  path=$(command -v chromium || true)
  if [ -z "$path" ]; then
    log "chromium not found; installing it from Debian packages"
    as_root apt-get update -qq >&2 || true
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 || { log "chromium could not be installed"; exit 1; }
    path=$(command -v chromium) || { log "chromium could not be installed"; exit 1; }
  fi
  export HUELLA_CHROMIUM=$path
}

start_postgres() {
  if ! find_postgres; then
    log "PostgreSQL not found; installing it from Debian packages"
    as_root apt-get update -qq >&2 || true
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    find_postgres || { log "PostgreSQL could not be installed"; exit 1; }
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home postgres
  fi
  local password port
  password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  mkdir -p "$pg_data" "$work/pgsock"
  printf '%s\n' "$password" > "$work/pgpass"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$pg_data" "$work/pgsock" "$work/pgpass"; fi
  run_pg "$pg_bin/initdb" -D "$pg_data" -U huella --pwfile="$work/pgpass" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 \
    || { cat "$work/initdb.log" >&2; exit 1; }
  rm -f "$work/pgpass"
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      if run_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pgsock/postgres.log" -w -t 60 \
          -o "-p $port -k $work/pgsock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
        export HUELLA_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=huella;Password=$password;Database=postgres;Timeout=30"
        log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $pg_data)"
        return 0
      fi
    fi
  done
  cat "$work/pgsock/postgres.log" >&2 || true
  log "could not start PostgreSQL"
  exit 1
}

cleanup() {
  if [ -n "$pg_bin" ] && [ -f "$pg_data/postmaster.pid" ]; then
    run_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

ensure_fonts
ensure_chromium
start_postgres

log "building ($config, warnings as errors)"
dotnet build Huella.slnx -c "$config" -warnaserror -nologo -v quiet

results="$work/results"
log "running tests"
set +e
dotnet test Huella.slnx -c "$config" --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
test_exit=$?
set -e

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done

if [ "$files" -eq 0 ]; then
  log "no test results were written"
  failed=$((failed + 1))
fi
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  log "dotnet test exited $test_exit without a failed test: counting it as a failure"
  failed=1
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
