#!/usr/bin/env bash
# Backup and restore of the graph's database (README: Operations → Backup and restore).
#
#   scripts/backup.sh dump    <database-url> <file>   # every schema of the graph, custom format
#   scripts/backup.sh restore <file> <database-url>   # into a fresh, empty database
#
# One consistent snapshot of every schema (pg_dump runs in one repeatable-read transaction), so each
# subgraph's outbox sequence, its events and the state they describe agree: a client's event cursor
# stays valid after a restore, and new events continue after the last one. The audit log is restored
# whole (its append-only triggers are created after its rows). pg_dump must be of the server's major
# version or newer.
set -euo pipefail
SCHEMAS=(directory meetings cases hubs gateway)

case "${1:-}" in
  dump)
    url="${2:?database URL}"; file="${3:?output file}"
    args=()
    for schema in "${SCHEMAS[@]}"; do args+=(--schema="$schema"); done
    pg_dump --format=custom --no-owner --no-privileges "${args[@]}" --file="$file" "$url"
    ;;
  restore)
    file="${2:?dump file}"; url="${3:?database URL}"
    # --single-transaction: a failed restore leaves the database as empty as it was.
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$file"
    ;;
  *)
    echo "usage: $0 dump <database-url> <file> | restore <file> <database-url>" >&2
    exit 2
    ;;
esac
