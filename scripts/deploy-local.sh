#!/usr/bin/env bash
# Deploys a local instance paired with a cloud instance: writes .env (keeping what is already there),
# starts docker-compose.local.yml with the sync profile, waits until every service is healthy, pulls
# the Ollama models once, runs the first full sync and says where everything is. Safe to run again.
#
#   scripts/deploy-local.sh [--cloud-url URL] [--sync-key KEY] [--matrix] [--skip-models] [--yes]
#
# The cloud URL and sync key (made on the cloud with `hub sync-key create`) come from the flags, else from the
# environment (SYNC_SERVER_URL, SYNC_API_KEY), else from .env, else they are asked for.
set -euo pipefail

cd "$(dirname "$0")/.."
COMPOSE_FILE=docker-compose.local.yml
ENV_FILE=.env
HUB_URL=${HUB_URL:-http://127.0.0.1:3000}
HEALTH_TIMEOUT_SECONDS=${HEALTH_TIMEOUT_SECONDS:-600}

cloud_url=${SYNC_SERVER_URL:-}
sync_key=${SYNC_API_KEY:-}
with_matrix=false
pull_models=true
assume_yes=false

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
  case "$1" in
    --cloud-url) cloud_url=${2:?--cloud-url needs a URL}; shift 2 ;;
    --sync-key) sync_key=${2:?--sync-key needs a key}; shift 2 ;;
    --matrix) with_matrix=true; shift ;;
    --skip-models) pull_models=false; shift ;;
    --yes|-y) assume_yes=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "deploy-local: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

say() { printf '==> %s\n' "$*"; }
fail() { printf 'deploy-local: %s\n' "$*" >&2; exit 1; }

# The value of KEY in .env, or nothing.
env_value() {
  [ -f "$ENV_FILE" ] || return 0
  grep -E "^$1=" "$ENV_FILE" | tail -n 1 | cut -d= -f2- || true
}

# Sets KEY=VALUE in .env: replaced in place when present, appended otherwise (so a rerun never duplicates).
set_env() {
  local key=$1 value=$2 tmp
  touch "$ENV_FILE"
  tmp=$(mktemp)
  awk -v key="$key" -v value="$value" '
    BEGIN { done = 0 }
    $0 ~ "^" key "=" { if (!done) { print key "=" value; done = 1 } ; next }
    { print }
    END { if (!done) print key "=" value }
  ' "$ENV_FILE" > "$tmp"
  cat "$tmp" > "$ENV_FILE"
  rm -f "$tmp"
}

# Keeps an existing value; generates one only the first time.
ensure_secret() {
  local key=$1 bytes=$2
  if [ -z "$(env_value "$key")" ]; then set_env "$key" "$(random_hex "$bytes")"; fi
}

random_hex() {
  od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

ask() {
  local prompt=$1 secret=${2:-false} answer
  [ -t 0 ] || fail "$prompt: not given (use --cloud-url/--sync-key or SYNC_SERVER_URL/SYNC_API_KEY)"
  if [ "$secret" = true ]; then read -r -s -p "$prompt: " answer; echo >&2; else read -r -p "$prompt: " answer; fi
  printf '%s' "$answer"
}

command -v docker > /dev/null || fail 'docker is not installed (https://docs.docker.com/engine/install/)'
docker compose version > /dev/null 2>&1 || fail 'docker compose v2 is needed (the "docker compose" plugin)'
compose() { docker compose -f "$COMPOSE_FILE" "$@"; }

# 1. Settings: the cloud to pair with, and secrets generated once.
[ -n "$cloud_url" ] || cloud_url=$(env_value SYNC_SERVER_URL)
[ -n "$sync_key" ] || sync_key=$(env_value SYNC_API_KEY)
[ -n "$cloud_url" ] || cloud_url=$(ask 'URL of the cloud instance (e.g. https://hub.example.org)')
[ -n "$sync_key" ] || sync_key=$(ask 'Sync key (from hub sync-key create on the cloud instance)' true)
case "$cloud_url" in
  http://*|https://*) ;;
  *) fail "the cloud URL must start with http:// or https:// (got: $cloud_url)" ;;
esac
cloud_url=${cloud_url%/}

if [ -f "$ENV_FILE" ] && [ "$assume_yes" != true ] && [ -t 0 ]; then
  say "updating $ENV_FILE (existing settings are kept)"
fi
set_env DEPLOYMENT_MODE local
set_env SYNC_ENABLED true
set_env SYNC_SERVER_URL "$cloud_url"
set_env SYNC_API_KEY "$sync_key"
ensure_secret POSTGRES_PASSWORD 16
ensure_secret ADMIN_PASSWORD 12
ensure_secret ADMIN_SESSION_SECRET 32
chmod 600 "$ENV_FILE"

profiles=(--profile sync)
if [ "$with_matrix" = true ]; then
  profiles+=(--profile matrix)
  ensure_secret MATRIX_REGISTRATION_TOKEN 16
fi

# 2. Start and wait for health (compose waits on every service's healthcheck).
say "starting the stack (${profiles[*]})"
compose "${profiles[@]}" up -d --build --wait --wait-timeout "$HEALTH_TIMEOUT_SECONDS" \
  || fail "some services did not become healthy: docker compose -f $COMPOSE_FILE ps; docker compose -f $COMPOSE_FILE logs"

wait_for_hub() {
  local deadline=$((SECONDS + HEALTH_TIMEOUT_SECONDS))
  until curl -fsS "$HUB_URL/health/ready" > /dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || fail "the hub at $HUB_URL did not become ready in ${HEALTH_TIMEOUT_SECONDS} s"
    sleep 2
  done
}
wait_for_hub
say "the hub is ready at $HUB_URL"

# 3. The Ollama models, once (they stay in the ollama-models volume).
if [ "$pull_models" = true ]; then
  chat_model=$(env_value OLLAMA_MODEL); chat_model=${chat_model:-llama3.2:3b}
  embed_model=$(env_value OLLAMA_EMBED_MODEL); embed_model=${embed_model:-nomic-embed-text}
  installed=$(compose exec -T ollama ollama list 2> /dev/null || true)
  for model in "$chat_model" "$embed_model"; do
    if printf '%s\n' "$installed" | grep -q "^$model"; then
      say "model $model already pulled"
    else
      say "pulling model $model (once; a few GB)"
      compose exec -T ollama ollama pull "$model"
    fi
  done
fi

# 4. The first full sync from the cloud, with its progress bar when this is a terminal.
say "first sync with $cloud_url"
tty_flag=(-T)
[ -t 1 ] && tty_flag=()
compose "${profiles[@]}" exec "${tty_flag[@]}" sync-worker node cli/hub.ts sync --initial \
  || fail "the first sync failed; the stack keeps running and the sync worker retries. Run again: $0"

cat <<DONE

The local instance is running and paired with $cloud_url.

  Hub (API)     $HUB_URL/api
  API docs      $HUB_URL/docs
  Admin panel   $HUB_URL/admin   (user $(env_value ADMIN_USERNAME | grep . || echo admin), password in $ENV_FILE: ADMIN_PASSWORD)
  Health        $HUB_URL/health
  Logs          docker compose -f $COMPOSE_FILE logs -f
  Stop          docker compose -f $COMPOSE_FILE --profile sync down
DONE
if [ "$with_matrix" = true ]; then
  cat <<MATRIX
  Matrix        http://<this machine's address>:6167 (registration token in $ENV_FILE: MATRIX_REGISTRATION_TOKEN);
                register the bot's account there and set MATRIX_HOMESERVER_URL=http://matrix:6167,
                MATRIX_ACCESS_TOKEN and MATRIX_USER_ID in $ENV_FILE, then run this script again.
MATRIX
fi
