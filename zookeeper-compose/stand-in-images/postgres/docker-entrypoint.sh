#!/usr/bin/env bash
# On an empty PGDATA: initdb with POSTGRES_USER and POSTGRES_PASSWORD, create POSTGRES_DB, run the scripts of
# /docker-entrypoint-initdb.d (*.sh executed or sourced, *.sql through psql) against a server listening on the
# Unix socket only, stop it; then run PostgreSQL as PID 1 on every address, password authentication from outside.
set -euo pipefail
: "${POSTGRES_PASSWORD:?the stand-in, like the official image, needs POSTGRES_PASSWORD}"
export POSTGRES_USER="${POSTGRES_USER:-postgres}"
export POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
    initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
        --auth-local=trust --auth-host=scram-sha-256 -D "$PGDATA" >/dev/null
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    if [[ "$POSTGRES_DB" != postgres ]]; then
        psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
            -c "CREATE DATABASE \"$POSTGRES_DB\"" >/dev/null
    fi
    for file in /docker-entrypoint-initdb.d/*; do
        case "$file" in
            *.sh)
                echo "docker-entrypoint.sh: running $file"
                if [[ -x "$file" ]]; then "$file"; else
                    # shellcheck disable=SC1090 # the user's script
                    . "$file"
                fi
                ;;
            *.sql)
                echo "docker-entrypoint.sh: running $file"
                psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -f "$file"
                ;;
        esac
    done
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    echo "docker-entrypoint.sh: initialised $PGDATA"
fi
if [[ "$1" == postgres ]]; then
    shift
    exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
fi
exec "$@"
