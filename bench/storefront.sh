#!/usr/bin/env bash
# Storefront load benchmark: a release server with a seeded catalogue, loaded by `oha` on the same
# machine, on SQLite and PostgreSQL, with the hot cache on and off. Prints a Markdown report
# (what docs/performance.md records).
#
#   bench/storefront.sh                       # both databases, 1000 products, 10 s per run
#   DBS=sqlite PRODUCTS=1000 DURATION=5s bench/storefront.sh
#   SEARCH_PRODUCTS=100000 bench/storefront.sh   # then search on a 100k catalogue (cache off)
#
# Every figure comes with the same server's `/health` rate measured in the same run: ratios to it
# compare across machines, absolute numbers do not. Needs: cargo, curl, python3; psql and a local
# PostgreSQL for `postgres` (TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rustok-target}"
DBS="${DBS:-sqlite postgres}"
PRODUCTS="${PRODUCTS:-1000}"
DURATION="${DURATION:-10s}"
CACHES="${CACHES:-on off}"
SEARCH_PRODUCTS="${SEARCH_PRODUCTS:-0}"
PG_ADMIN="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
OHA_VERSION=1.16.0
TOOLS="${RUSTOK_TOOLS:-$HOME/.cache/rustok-tools}"

oha="$TOOLS/bin/oha"
if ! "$oha" --version 2>/dev/null | grep -q "$OHA_VERSION"; then
  echo "installing oha $OHA_VERSION into $TOOLS" >&2
  cargo install oha --locked --version "$OHA_VERSION" --root "$TOOLS" >&2
fi
# SKIP_BUILD=1 uses the release binary already built.
[ "${SKIP_BUILD:-0}" = 1 ] || cargo build --release -q -p rustok-server --locked
bin="$CARGO_TARGET_DIR/release/rustok-server"

work=$(mktemp -d)
pid=""
stop_server() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi
}
cleanup() { stop_server; rm -rf "$work"; }
trap cleanup EXIT

rss_kb() { ps -o rss= -p "$1" | tr -d ' '; }

# CPU time (clock ticks) used so far by the server (`$pid`) and by each PostgreSQL process, as
# "server pid:ticks,pid:ticks,..." (a process that ends between two samples drops out of both).
cpu_ticks() {
  python3 - "$pid" <<'PY'
import os, sys
def ticks(p):
    try:
        fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0
db = []
for p in os.listdir("/proc"):
    if p.isdigit():
        try:
            if open(f"/proc/{p}/comm").read().strip() == "postgres":
                db.append(f"{p}:{ticks(p)}")
        except OSError:
            pass
print(ticks(sys.argv[1]), ",".join(db) or "-")
PY
}

# `oha` on one URL: prints "rps p50_ms p99_ms errors cpu", cpu being the CPU time per answered
# request of the server, of PostgreSQL and of the load generator, in µs ("server/db/oha").
load() {
  local concurrency=$1 url=$2 before after
  before=$(cpu_ticks)
  python3 - "$work/oha.cpu" "$oha" -z "$DURATION" -c "$concurrency" --no-tui --output-format json "$url" > "$work/oha.json" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[2:], check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{r.ru_utime + r.ru_stime}")
PY
  after=$(cpu_ticks)
  python3 - "$work/oha.json" "$before" "$after" "$(cat "$work/oha.cpu")" "$(getconf CLK_TCK)" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
codes = r.get("statusCodeDistribution", {})
ok = sum(v for k, v in codes.items() if str(k).startswith(("2", "3")))
# Requests still in flight when the duration ends are cut by oha ("aborted due to deadline"):
# not the server's errors.
cut = {k: v for k, v in r.get("errorDistribution", {}).items() if "deadline" not in k}
errors = sum(codes.values()) - ok + sum(cut.values())
p = r["latencyPercentiles"]
def sample(text):
    server, db = text.split()
    procs = dict(p.split(":") for p in db.split(",") if ":" in p)
    return int(server), {k: int(v) for k, v in procs.items()}
(s0, d0), (s1, d1), tick = sample(sys.argv[2]), sample(sys.argv[3]), int(sys.argv[5])
db_ticks = sum(d1[p] - d0[p] for p in d1 if p in d0)
per = lambda seconds: f"{seconds * 1e6 / max(ok, 1):.0f}"
cpu = f"{per((s1 - s0) / tick)}/{per(db_ticks / tick)}/{per(float(sys.argv[4]))}"
print(f'{r["summary"]["requestsPerSec"]:.0f} {p["p50"] * 1000:.2f} {p["p99"] * 1000:.2f} {errors} {cpu}')
PY
}

# Waits until the outbox is drained and every tenant's index is built.
wait_indexed() {
  local db=$1 url=$2 seconds=${3:-120}
  for _ in $(seq 1 $(( seconds * 5 ))); do
    local left
    if [ "$db" = sqlite ]; then
      left=$(python3 - "$work/data/rustok.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
pending = c.execute("select count(*) from sys_events where status in ('pending','failed')").fetchone()[0]
unbuilt = c.execute("select 2 * (select count(*) from tenants) - (select count(*) from index_builds where status = 'ready')").fetchone()[0]
print(pending + unbuilt)
PY
)
    else
      left=$(psql -At "$url" -c "select (select count(*) from sys_events where status in ('pending','failed')) + 2 * (select count(*) from tenants) - (select count(*) from index_builds where status = 'ready')")
    fi
    [ "$left" = 0 ] && return 0
    sleep 0.2
  done
  echo "the index did not catch up" >&2
  exit 1
}

# Commit → visible: renames a product 100 times as the demo admin, each time polling the visitor
# read and the search for the new title until both show it; prints p50/p99 of each.
visible() {
  python3 - "$1" "$2" "$work/data/admin-password.txt" <<'PY'
import json, sys, time, urllib.request
base, handle, password_file = sys.argv[1], sys.argv[2], sys.argv[3]
def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
password = open(password_file).read().strip()
token = call("POST", "/api/v1/auth/login", {"email": "admin@demo.local", "password": password})["access_token"]
pid = call("GET", f"/api/v1/commerce/products/{handle}")["id"]
reads, finds = [], []
for i in range(100):
    title = f"Probe {i} zq{i:03d}x"
    start = time.perf_counter()
    call("PATCH", f"/api/v1/commerce/products/{pid}", {"translations": [{"locale": "en", "title": title}]}, token)
    committed = time.perf_counter()
    read = found = None
    while read is None or found is None:
        now = time.perf_counter()
        if now - committed > 5:
            sys.exit("not visible within 5 s")
        if read is None and call("GET", f"/api/v1/commerce/products/{handle}")["title"] == title:
            read = time.perf_counter() - committed
        # The hit must carry the new title: a typo-tolerant match finds the previous one.
        if found is None and any(item["title"] == title for item in call("GET", f"/api/v1/commerce/products?q=zq{i:03d}x")["items"]):
            found = time.perf_counter() - committed
    reads.append(read); finds.append(found)
q = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(len(xs) * p))] * 1000
print(f"product read p50 {q(reads, .5):.1f} ms, p99 {q(reads, .99):.1f} ms; search p50 {q(finds, .5):.1f} ms, p99 {q(finds, .99):.1f} ms (100 renames, polled over HTTP)")
PY
}

# Fresh database of `$1` (sqlite|postgres), hot cache `$2` (on|off), `$3` products seeded; starts
# the server and waits until the index is built (at most `$4` s). Sets pid, base, url, name,
# seeded (s), cold_ms, build_s and idle_kb.
boot() {
  local db=$1 cache=$2 products=$3 deadline=${4:-120}
  rm -rf "$work/data"
  port=$(( 20000 + RANDOM % 20000 ))
  # One load generator on one address: the request rate limits would measure themselves.
  export RUSTOK_DATA_DIR="$work/data" PORT="$port" RUST_LOG=warn RUSTOK_RATE_LIMIT_ENABLED=false
  export RUSTOK_CACHE_ENABLED=$([ "$cache" = on ] && echo true || echo false)
  url=""
  if [ "$db" = postgres ]; then
    name="rustok_bench_$$"
    psql -q "$PG_ADMIN" -c "drop database if exists $name" -c "create database $name" >/dev/null
    url="${PG_ADMIN%/*}/$name"
    export DATABASE_URL="$url"
  else
    unset DATABASE_URL
  fi
  local seed_started started built
  seed_started=$(date +%s%N)
  "$bin" task seed_catalog "products:$products" > "$work/seed.log" 2>&1 || { cat "$work/seed.log"; exit 1; }
  seeded=$(python3 -c "print(f'{($(date +%s%N) - $seed_started) / 1e9:.1f}')")

  started=$(date +%s%N)
  "$bin" start --no-banner > "$work/server.log" 2>&1 &
  pid=$!
  base="http://127.0.0.1:$port"
  until curl -sf -o /dev/null "$base/health"; do sleep 0.005; done
  cold_ms=$(( ($(date +%s%N) - started) / 1000000 ))
  ( while sleep 0.5; do rss_kb "$pid" >> "$work/rss"; done ) & sampler=$!
  wait_indexed "$db" "$url" "$deadline"
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  build_s=$(python3 -c "print(f'{($(date +%s%N) - $started) / 1e9:.1f}')")
  # The catalogue was just bulk-loaded: give PostgreSQL the statistics autovacuum would gather
  # within a minute (without them it may pick the wrong index for a lookup by handle).
  if [ "$db" = postgres ]; then psql -q "$url" -c "analyze" >/dev/null; fi
  sleep 1
  idle_kb=$(rss_kb "$pid")
}

drop_database() {
  if [ "$1" = postgres ]; then
    psql -q "$PG_ADMIN" -c "drop database if exists $name" >/dev/null
  fi
}

echo "# Storefront benchmark"
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load generator on the same machine; $PRODUCTS products, $DURATION per run; oha $OHA_VERSION."
echo

for db in $DBS; do
  for cache in $CACHES; do
    boot "$db" "$cache" "$PRODUCTS"
    rm -f "$work/rss"
    region=$(curl -sf "$base/api/v1/commerce/regions" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
    slug=$(curl -sf "$base/api/v1/blog/posts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')
    word=$(curl -sf "$base/api/v1/blog/posts" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["title"].split()[0].lower())')
    handle="product-$(printf '%04d' $(( PRODUCTS / 2 )))"

    echo "## $db, hot cache $cache"
    echo
    echo "seed_catalog products:$PRODUCTS: ${seeded} s; cold start to the first 200: ${cold_ms} ms; RSS idle $(( idle_kb / 1024 )) MB."
    echo
    echo "| route | c | req/s | × /health | p50 ms | p99 ms | errors | CPU µs/req server/db/oha |"
    echo "|---|---|---|---|---|---|---|---|"
    read -r health_rps health_p50 health_p99 health_err health_cpu < <(load 64 "$base/health")
    echo "| \`/health\` | 64 | $health_rps | 1 | $health_p50 | $health_p99 | $health_err | $health_cpu |"
    peak_kb=$idle_kb
    for route in \
      "product by handle|/api/v1/commerce/products/$handle" \
      "list 20 with variants|/api/v1/commerce/products?limit=20" \
      "list 20 priced for a region|/api/v1/commerce/products?limit=20&region_id=$region" \
      "search q=0500 (listing)|/api/v1/commerce/products?q=0500&limit=20" \
      "search q=0500 with facets|/api/v1/commerce/search?q=0500&facets=true&region_id=$region" \
      "blog post by slug|/api/v1/blog/posts/by-slug/$slug" \
      "blog post list|/api/v1/blog/posts" \
      "content search q=$word|/api/v1/content/search?q=$word"; do
      label=${route%%|*}
      path=${route#*|}
      for c in 1 64; do
        ( while sleep 0.5; do rss_kb "$pid" >> "$work/rss"; done ) & sampler=$!
        read -r rps p50 p99 errors cpu < <(load "$c" "$base$path")
        kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
        ratio=$(python3 -c "print(f'{$rps / $health_rps:.3f}')")
        echo "| $label | $c | $rps | $ratio | $p50 | $p99 | $errors | $cpu |"
      done
    done
    if [ -s "$work/rss" ]; then peak_kb=$(sort -n "$work/rss" | tail -1); rm -f "$work/rss"; fi
    echo
    echo "RSS under load: $(( peak_kb / 1024 )) MB at most."
    echo
    echo "Commit → visible: $(visible "$base" "$handle")."
    echo
    stop_server
    drop_database "$db"
  done
done

# Search on a large catalogue (the p99 target is for 100,000 products), hot cache off: every
# request runs the search.
if [ "$SEARCH_PRODUCTS" -gt 0 ]; then
  for db in $DBS; do
    boot "$db" off "$SEARCH_PRODUCTS" 3600
    build_peak_kb=$(sort -n "$work/rss" | tail -1); rm -f "$work/rss"
    region=$(curl -sf "$base/api/v1/commerce/regions" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
    echo "## $db, $SEARCH_PRODUCTS products, search, hot cache off"
    echo
    echo "seed_catalog products:$SEARCH_PRODUCTS: ${seeded} s; start to index built and events drained: ${build_s} s (RSS at most $(( build_peak_kb / 1024 )) MB meanwhile); RSS idle $(( idle_kb / 1024 )) MB."
    echo
    echo "| route | c | req/s | × /health | p50 ms | p99 ms | errors | CPU µs/req server/db/oha |"
    echo "|---|---|---|---|---|---|---|---|"
    read -r health_rps health_p50 health_p99 health_err health_cpu < <(load 64 "$base/health")
    echo "| \`/health\` | 64 | $health_rps | 1 | $health_p50 | $health_p99 | $health_err | $health_cpu |"
    for route in \
      "search q=0500 (listing)|/api/v1/commerce/products?q=0500&limit=20" \
      "search q=5000 (one title)|/api/v1/commerce/products?q=5000&limit=20" \
      "search q=product (every product)|/api/v1/commerce/products?q=product&limit=20" \
      "search q=prod (a prefix of every product)|/api/v1/commerce/products?q=prod&limit=20" \
      "search typo q=prodcut|/api/v1/commerce/products?q=prodcut&limit=20" \
      "search q=5000 with facets|/api/v1/commerce/search?q=5000&facets=true&region_id=$region"; do
      label=${route%%|*}
      path=${route#*|}
      for c in 1 64; do
        read -r rps p50 p99 errors cpu < <(load "$c" "$base$path")
        ratio=$(python3 -c "print(f'{$rps / $health_rps:.3f}')")
        echo "| $label | $c | $rps | $ratio | $p50 | $p99 | $errors | $cpu |"
      done
    done
    echo
    stop_server
    drop_database "$db"
  done
fi
