#!/usr/bin/env bash
# CI service: a throwaway PostgreSQL 15 (Debian bookworm) with pgvector built from Debian trixie's source
# package, on 127.0.0.1:${PGPORT:-55433} (trust auth, user postgres). Idempotent: a second run only
# (re)starts the server. Needs root (apt, make install); the server runs as user postgres.
set -euo pipefail
PGVER=${PGVER:-15}
PGBIN=/usr/lib/postgresql/$PGVER/bin
PGVECTOR_DEB=${PGVECTOR_DEB:-0.8.0-1}          # Debian trixie source version
PORT=${PGPORT:-55433}
ROOT=${PG_CI_ROOT:-/tmp/hub-pg}                 # must be traversable by user postgres (NOT under /root)
DATA=$ROOT/data SOCK=$ROOT/sock CACHE=$ROOT/cache
export DEBIAN_FRONTEND=noninteractive
ts() { echo "$EPOCHREALTIME"; }; el() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN{printf "%.2fs", b-a}'; }
T=$(ts)

# 1. Debian packages (skipped when already installed)
need=()
for p in postgresql-$PGVER postgresql-server-dev-$PGVER; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if ((${#need[@]})); then
  t=$(ts); apt-get update -qq && apt-get install -y -qq -o DPkg::Lock::Timeout=120 --no-install-recommends "${need[@]}" >/dev/null
  echo "apt install ${need[*]}: $(el $t)"
fi

# 2. pgvector: build once from trixie's deb-src, without touching the system's apt sources
want=${PGVECTOR_DEB%-*}
have=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$($PGBIN/pg_config --sharedir)/extension/vector.control" 2>/dev/null || true)
if [[ "$have" != "$want" || -n "${FORCE_PGVECTOR_BUILD:-}" ]]; then
  t=$(ts)
  mkdir -p "$CACHE/apt/lists/partial" "$CACHE/src"
  echo "deb-src http://deb.debian.org/debian trixie main" > "$CACHE/apt/trixie-src.list"
  o=(-o "Dir::Etc::sourcelist=$CACHE/apt/trixie-src.list" -o Dir::Etc::sourceparts=/dev/null -o "Dir::State::Lists=$CACHE/apt/lists")
  if [[ ! -f "$CACHE/src/pgvector_$PGVECTOR_DEB.dsc" ]]; then
    apt-get "${o[@]}" update -qq
    (cd "$CACHE/src" && apt-get "${o[@]}" source --download-only -qq "pgvector=$PGVECTOR_DEB" 2>&1 | grep -v unsandboxed || true)
    if [[ ! -f "$CACHE/src/pgvector_$PGVECTOR_DEB.dsc" ]]; then
      # the pinned Debian revision is gone from the archive: take the current one
      (cd "$CACHE/src" && apt-get "${o[@]}" source --download-only -qq pgvector 2>&1 | grep -v unsandboxed || true)
      dsc=$(ls -t "$CACHE/src"/pgvector_*.dsc 2>/dev/null | head -1)
      [[ -n "$dsc" ]] || { echo "pg-ci: could not fetch Debian's pgvector source package" >&2; exit 1; }
      PGVECTOR_DEB=$(basename "$dsc" .dsc); PGVECTOR_DEB=${PGVECTOR_DEB#pgvector_}; want=${PGVECTOR_DEB%-*}
    fi
  fi
  rm -rf "$CACHE/src/pgvector-$want"
  (cd "$CACHE/src" && dpkg-source -q -x "pgvector_$PGVECTOR_DEB.dsc" "pgvector-$want")
  make -s -C "$CACHE/src/pgvector-$want" PG_CONFIG=$PGBIN/pg_config -j"$(nproc)" >/dev/null
  make -s -C "$CACHE/src/pgvector-$want" PG_CONFIG=$PGBIN/pg_config install >/dev/null
  echo "pgvector $want fetched+built+installed: $(el $t)"
fi

# 3. throwaway cluster as user postgres
id -u postgres >/dev/null 2>&1 || useradd --system --home-dir "$ROOT" --shell /usr/sbin/nologin postgres
mkdir -p "$DATA" "$SOCK"; chown postgres:postgres "$ROOT" "$DATA" "$SOCK"; chmod 700 "$DATA"
if [[ ! -s "$DATA/PG_VERSION" ]]; then
  t=$(ts); runuser -u postgres -- $PGBIN/initdb -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  echo "initdb: $(el $t)"
fi
if ! runuser -u postgres -- $PGBIN/pg_ctl -D "$DATA" status >/dev/null 2>&1; then
  t=$(ts)
  runuser -u postgres -- $PGBIN/pg_ctl -D "$DATA" -l "$ROOT/server.log" -w -t 30 \
    -o "-p $PORT -k $SOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  echo "server start: $(el $t)"
fi
# every database created later (per test run / per test file) inherits the extension from template1
psql -qAt "postgresql://postgres@127.0.0.1:$PORT/template1" -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS vector" 2>&1 | grep -v 'already exists' || true
echo "ready: DATABASE_URL=postgresql://postgres@127.0.0.1:$PORT/postgres (pgvector $(psql -qAt "postgresql://postgres@127.0.0.1:$PORT/template1" -c "select extversion from pg_extension where extname='vector'")) total $(el $T)"
