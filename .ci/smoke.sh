#!/usr/bin/env bash
# Starts the server the way the README says (embedded SQLite, nothing else), then checks the
# operations endpoints and that the demo admin can log in and call `me`.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/rustok-target}"

work=$(mktemp -d)
port=$(( 20000 + RANDOM % 20000 ))
log="$work/server.log"
cargo build -q -p rustok-server --locked
RUSTOK_DATA_DIR="$work/data" PORT="$port" "$CARGO_TARGET_DIR/debug/rustok-server" start --no-banner >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.1; done

fail() { echo "smoke: $*"; echo "--- server log"; cat "$log"; exit 1; }
for path in /health /health/ready /metrics /api/openapi.json /swagger/ /api/graphql /assets/graphiql/graphiql.min.js; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
  [ "$code" = 200 ] || fail "$path answered $code"
  echo "ok  GET $path"
done

password=$(cat "$work/data/admin-password.txt")
tokens=$(curl -sf -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"admin@demo.local\",\"password\":\"$password\"}") || fail "demo admin login failed"
access=$(printf '%s' "$tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
me=$(curl -sf "$base/api/v1/auth/me" -H "authorization: Bearer $access") || fail "me failed"
printf '%s' "$me" | grep -q '"email":"admin@demo.local"' || fail "me returned $me"
echo "ok  demo admin login + me"
gql=$(curl -sf -X POST "$base/api/graphql" -H 'content-type: application/json' -H "authorization: Bearer $access" \
  -d '{"query":"{ me { id email role } tenant { id slug name } modules { slug enabled } }"}') || fail "graphql failed"
printf '%s' "$gql" | grep -q '"slug":"demo"' || fail "graphql returned $gql"
echo "ok  graphql me/tenant/modules"

# The demo content, as an anonymous storefront sees it, in German.
posts=$(curl -sf -X POST "$base/api/graphql" -H 'content-type: application/json' \
  -d '{"query":"{ blogPosts(locale: \"de\") { items { title locale } } }"}') || fail "blogPosts failed"
printf '%s' "$posts" | grep -q '"title":"Willkommen bei RusToK","locale":"de"' || fail "demo posts: $posts"
echo "ok  demo blog posts in German"
menu=$(curl -sf -X POST "$base/api/graphql" -H 'content-type: application/json' \
  -d '{"query":"{ menu(handle: \"main\", locale: \"de\") { items { label pageSlug } } forums(locale: \"de\") { items { title } } }"}') || fail "menu/forums failed"
printf '%s' "$menu" | grep -q '"label":"Über uns","pageSlug":"ueber-uns"' || fail "demo menu: $menu"
printf '%s' "$menu" | grep -q '"title":"Allgemeine Diskussion"' || fail "demo forum: $menu"
echo "ok  demo menu and forum in German"

# A bad setting stops the binary at once, naming the setting.
if out=$(RUSTOK_DATA_DIR="$work/data2" RUSTOK_EVENT_TRANSPORT=bogus timeout 20 "$CARGO_TARGET_DIR/debug/rustok-server" start 2>&1); then
  fail "RUSTOK_EVENT_TRANSPORT=bogus did not stop the server"
fi
printf '%s' "$out" | grep -q 'settings.rustok.events.transport' || fail "unclear config error: $out"
echo "ok  RUSTOK_EVENT_TRANSPORT=bogus refused"
echo "smoke passed"
