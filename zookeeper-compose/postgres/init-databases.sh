#!/usr/bin/env bash
# Creates one database per demo service on the shared server, as the contract requires: payment-service owns
# `payment`, order-service owns `orders`; each runs its own Flyway migrations at start-up.
# Runs once, from /docker-entrypoint-initdb.d, when the data directory is empty.
set -euo pipefail

for database in payment orders; do
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
        -c "CREATE DATABASE \"$database\" OWNER \"$POSTGRES_USER\""
done
