#!/usr/bin/env bash
# Runs the shell examples of the docs against a freshly started server, so an example that stops
# working fails CI. Each doc runs in one bash session (`bash -euo pipefail`, variables carry over
# from block to block) against a server of its own (fresh data directory, random port), once on
# SQLite and once on a fresh PostgreSQL database that is dropped afterwards.
#
# What runs: every fenced block opened with ```sh that contains `curl`, unless the opening line
# says `norun`. `localhost:5150` is replaced by the test server's address; the session starts in
# a directory whose `data/` is the server's data directory (so `$(cat data/admin-password.txt)`
# works) with `$ACCESS` set to the demo admin's access token. Every curl must answer 2xx, or the
# status named on the opening line (```sh expect=409). Conventions: docs/README.md.
#
# Usage: .ci/docs-examples.sh [doc.md ...]   (default: the docs listed below)
# Env:   DOCS_EXAMPLES_DATABASES="sqlite postgres" (default both)
#        TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres (where databases may be created)
#        DOCS_EXAMPLES_KEEP=1 keeps every block's output (<work>/<database>-<doc>/blocks/<n>.out)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rustok-target}"

docs=("$@")
[ ${#docs[@]} -gt 0 ] || docs=(README.md docs/getting-started.md docs/api.md docs/rbac.md docs/operations.md)
databases="${DOCS_EXAMPLES_DATABASES:-sqlite postgres}"
pg_admin="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

for tool in curl jq python3; do
  command -v "$tool" >/dev/null || { echo "docs-examples: \`$tool\` is required (apt-get install -y $tool)"; exit 1; }
done
if [[ " $databases " == *" postgres "* ]]; then
  command -v psql >/dev/null || { echo "docs-examples: \`psql\` is required for the PostgreSQL run"; exit 1; }
fi

cargo build -q -p rustok-server --locked
bin="$CARGO_TARGET_DIR/debug/rustok-server"
root=$(pwd)
work=$(mktemp -d)
pid=
pg_db=
stop_server() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi
  if [ -n "$pg_db" ]; then
    psql "$pg_admin" -qAt -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true
    pg_db=
  fi
}
cleanup() {
  stop_server
  if [ -n "${DOCS_EXAMPLES_KEEP:-}" ]; then echo "docs-examples: outputs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Writes the runnable blocks of a doc as <dir>/<n>.sh, with <dir>/<n>.meta = "<line> <expect>".
extract() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, re, sys
doc, out, base = sys.argv[1], sys.argv[2], sys.argv[3]
lines = open(doc, encoding="utf-8").read().split("\n")
fence = re.compile(r"^(\s*)```(\S*)\s*(.*)$")
n = 0
i = 0
while i < len(lines):
    m = fence.match(lines[i])
    if not m or not m.group(2):
        i += 1
        continue
    indent, lang, attrs = m.group(1), m.group(2), m.group(3).split()
    start = i + 1
    body = []
    i += 1
    while i < len(lines) and not re.match(r"^\s*```\s*$", lines[i]):
        line = lines[i]
        body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
        i += 1
    i += 1
    text = "\n".join(body)
    if lang != "sh" or "curl" not in text or "norun" in attrs:
        continue
    expect = "2xx"
    for attr in attrs:
        if attr.startswith("expect="):
            expect = attr.split("=", 1)[1]
    n += 1
    with open(os.path.join(out, f"{n}.sh"), "w", encoding="utf-8") as f:
        f.write(text.replace("http://localhost:5150", base).replace("localhost:5150", base) + "\n")
    with open(os.path.join(out, f"{n}.meta"), "w", encoding="utf-8") as f:
        f.write(f"{start} {expect}\n")
print(n)
PY
}

# The session: runs the blocks in order in one shell, checks every request's status.
session_script() {
  cat <<'SH'
set -euo pipefail
_docs_blocks=$1
_docs_log=$2
# Every curl of the examples goes through here: the status of each request is recorded.
curl() {
  local headers rc=0 code
  headers=$(mktemp)
  command curl -D "$headers" "$@" || rc=$?
  code=$(awk '/^HTTP\//{c=$2} END{print c}' "$headers" | tr -d '\r')
  rm -f "$headers"
  local args="$*"
  args=${args//$'\n'/ }
  printf '%s %s %s\n' "$_docs_n" "${code:-000}" "${args:0:240}" >>"$_docs_log"
  return "$rc"
}
_docs_n=1
while [ -f "$_docs_blocks/$_docs_n.sh" ]; do
  read -r _docs_line _docs_expect <"$_docs_blocks/$_docs_n.meta"
  echo "$_docs_n" >"$_docs_blocks/current"
  { source "$_docs_blocks/$_docs_n.sh"; } >"$_docs_blocks/$_docs_n.out" 2>&1
  _docs_bad=0
  _docs_calls=0
  while read -r _docs_block _docs_code _docs_args; do
    [ "$_docs_block" = "$_docs_n" ] || continue
    _docs_calls=$((_docs_calls + 1))
    case "$_docs_expect" in
      2xx) [[ "$_docs_code" == 2?? ]] || _docs_bad=1 ;;
      *) [ "$_docs_code" = "$_docs_expect" ] || _docs_bad=1 ;;
    esac
  done <"$_docs_log"
  if [ "$_docs_calls" = 0 ] || [ "$_docs_bad" = 1 ]; then
    echo "status" >"$_docs_blocks/$_docs_n.why"
    exit 1
  fi
  echo "ok  $_docs_n"
  _docs_n=$((_docs_n + 1))
done
SH
}

passed=0
failed=0
not_run=0
run_doc() { # doc database
  local doc=$1 database=$2
  local dir="$work/$database-${doc//\//_}"
  mkdir -p "$dir/blocks" "$dir/cwd"
  local port base rc=0
  for _ in $(seq 1 20); do # a port nothing listens on (curl: 7 = connection refused)
    port=$(( 20000 + RANDOM % 20000 ))
    rc=0; command curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/" || rc=$?
    [ "$rc" = 7 ] && break
  done
  base="http://127.0.0.1:$port"
  local count
  count=$(extract "$root/$doc" "$dir/blocks" "127.0.0.1:$port")
  if [ "$count" = 0 ]; then return; fi

  local url=
  if [ "$database" = postgres ]; then
    pg_db="rustok_docs_$(date +%s)_$RANDOM"
    psql "$pg_admin" -qAt -c "CREATE DATABASE $pg_db" >/dev/null
    local server=${pg_admin%%\?*}
    url="${server%/*}/$pg_db"
  fi
  (
    cd "$dir"
    if [ -n "$url" ]; then export DATABASE_URL="$url"; else unset DATABASE_URL; fi
    # The development config (the README's), whatever the caller's environment says.
    unset RUSTOK_ADMIN_EMAIL RUSTOK_ADMIN_PASSWORD
    LOCO_ENV=development LOCO_CONFIG_FOLDER="$root/config" RUSTOK_DATA_DIR="$dir/data" PORT="$port" \
      exec "$bin" start --no-banner
  ) >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    command curl -sf "$base/health" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if ! command curl -sf "$base/health" >/dev/null 2>&1; then
    echo "FAIL $doc ($database): the server did not start"; echo "--- server log"; cat "$dir/server.log"
    failed=$((failed + 1)); not_run=$((not_run + count - 1)); stop_server; return
  fi
  ln -s "$dir/data" "$dir/cwd/data"
  local token=
  if [ -f "$dir/data/admin-password.txt" ]; then
    token=$(command curl -sf "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
      -d "{\"email\":\"admin@demo.local\",\"password\":\"$(cat "$dir/data/admin-password.txt")\"}" \
      | jq -r .access_token) || token=
  fi
  if [ -z "$token" ]; then
    echo "FAIL $doc ($database): the demo admin could not sign in (no demo tenant seeded?)"
    echo "--- server log"; cat "$dir/server.log"
    failed=$((failed + 1)); not_run=$((not_run + count - 1)); stop_server; return
  fi

  : >"$dir/curl.log"
  session_script >"$dir/session.sh"
  rc=0
  (cd "$dir/cwd" && ACCESS="$token" bash "$dir/session.sh" "$dir/blocks" "$dir/curl.log") \
    >"$dir/session.out" 2>&1 || rc=$?
  local ok
  ok=$(grep -c '^ok  ' "$dir/session.out" || true)
  for n in $(seq 1 "$ok"); do
    echo "ok  $doc block $n ($database, line $(cut -d' ' -f1 "$dir/blocks/$n.meta"))"
  done
  passed=$((passed + ok))
  if [ "$rc" != 0 ]; then
    local n
    n=$(cat "$dir/blocks/current")
    read -r line expect <"$dir/blocks/$n.meta"
    local why="the block failed (exit $rc)"
    [ -f "$dir/blocks/$n.why" ] && why="a request did not answer $expect"
    echo "FAIL $doc block $n ($database, line $line): $why"
    echo "--- block"; cat "$dir/blocks/$n.sh"
    echo "--- its requests (status, curl arguments)"
    awk -v n="$n" '$1 == n { $1 = ""; print substr($0, 2) }' "$dir/curl.log"
    echo "--- output"; cat "$dir/blocks/$n.out" 2>/dev/null || true; echo
    grep -v '^ok  ' "$dir/session.out" || true
    echo "--- server log (last 60 lines)"; tail -n 60 "$dir/server.log"
    failed=$((failed + 1))
    not_run=$((not_run + count - ok - 1))
  fi
  stop_server
}

for database in $databases; do
  for doc in "${docs[@]}"; do
    run_doc "$doc" "$database"
  done
done
if [ "$not_run" -gt 0 ]; then
  echo "$passed passed, $failed failed ($not_run not run: they follow a failed block)"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" = 0 ]
