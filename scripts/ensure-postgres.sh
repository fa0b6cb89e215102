#!/usr/bin/env bash
# Makes sure a PostgreSQL answers for the tests, and says what it did:
#   1. the configured one (RB_TEST_DB_URL, default jdbc:postgresql://127.0.0.1:5432/test) if it answers;
#   2. else the local cluster, started with pg_ctlcluster;
#   3. else PostgreSQL installed from the system's packages (apt-get), started, with trust auth on 127.0.0.1.
# It never falls back to H2: persistence tests run on PostgreSQL or not at all.
set -euo pipefail

url=${RB_TEST_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}
user=${RB_TEST_DB_USER:-postgres}
rest=${url#jdbc:postgresql://}
hostport=${rest%%/*}
db=${rest#*/}; db=${db%%\?*}
host=${hostport%%:*}
port=5432; [[ $hostport == *:* ]] && port=${hostport##*:}

say() { printf '[ensure-postgres] %s\n' "$*"; }

answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$host" -p "$port" -t 2
  else
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
  fi
}

wait_until_answers() {
  for _ in $(seq 1 30); do answers && return 0; sleep 1; done
  return 1
}

local_host() { [[ $host == 127.0.0.1 || $host == localhost || $host == ::1 ]]; }

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else "$@"; fi; }

start_local_cluster() {
  [[ -d /etc/postgresql ]] || return 1
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  [[ -n $version ]] || return 1
  say "starting the local cluster: pg_ctlcluster --skip-systemctl-redirect $version main start"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_until_answers
}

install_from_packages() {
  command -v apt-get >/dev/null 2>&1 || return 1
  say "no PostgreSQL cluster here: installing it with apt-get (package postgresql)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  local version hba
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # a throwaway test cluster on this machine: trust local TCP connections, as the CI machines do
  as_root sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  start_local_cluster
}

if answers; then
  say "PostgreSQL at $host:$port answers (configured: $url)"
elif local_host && start_local_cluster; then
  say "PostgreSQL at $host:$port answers now (local cluster started)"
elif local_host && install_from_packages; then
  say "PostgreSQL at $host:$port answers now (installed from the system's packages and started)"
else
  say "PostgreSQL at $host:$port does not answer, and none could be started or installed here."
  say "Start one, or point RB_TEST_DB_URL / RB_TEST_DB_USER / RB_TEST_DB_PASSWORD at one."
  exit 1
fi

# the test database must exist (a fresh cluster only has 'postgres')
if command -v psql >/dev/null 2>&1 && local_host; then
  if ! psql -h "$host" -p "$port" -U "$user" -d "$db" -Atqc 'select 1' >/dev/null 2>&1; then
    if psql -h "$host" -p "$port" -U "$user" -d postgres -Atqc "create database \"$db\"" >/dev/null 2>&1; then
      say "created database $db"
    else
      say "cannot connect to database $db as $user; the tests will say why"
    fi
  fi
fi
