#!/usr/bin/env bash
# Backup round trip: pg_dump --format=custom of a database, pg_restore into a fresh database,
# then compare row counts (orders, lines, payments, payment events, certificates, products,
# chat messages, applied migrations). Exit 1 on a mismatch or when the source has no orders.
#
#   scripts/backup_restore_check.sh [DATABASE_URL]      (default: $DATABASE_URL, else ocop_load)
#
# The database should hold demo data and some orders (e.g. after benchmarks/load.py, whose
# database ocop_load is the default). The restored copy <name>_restore is dropped afterwards
# unless KEEP_RESTORE=1.
set -euo pipefail
cd "$(dirname "$0")/.."

SOURCE_URL="${1:-${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ocop_load}}"
BASE="${SOURCE_URL%/*}"
SOURCE_DB="${SOURCE_URL##*/}"
RESTORE_DB="${SOURCE_DB}_restore"
RESTORE_URL="$BASE/$RESTORE_DB"
DUMP="$(mktemp --suffix=.dump)"
trap 'rm -f "$DUMP"; [ "${KEEP_RESTORE:-0}" = 1 ] || psql "$BASE/postgres" -qc "DROP DATABASE IF EXISTS \"$RESTORE_DB\" WITH (FORCE)" >/dev/null 2>&1 || true' EXIT

TABLES="order_order order_line payments_orderpayment order_paymentevent catalogue_ocopcertificate catalogue_product livestream_chatmessage django_migrations"
export PGOPTIONS="-c client_min_messages=warning"

counts() {
    local url="$1" table
    for table in $TABLES; do
        printf '%s=%s ' "$table" "$(psql "$url" -Atc "SELECT count(*) FROM $table")"
    done
}

started=$(date +%s)
pg_dump --format=custom --no-owner --file="$DUMP" "$SOURCE_URL"
echo "dump of $SOURCE_DB: $(du -h "$DUMP" | cut -f1) in $(( $(date +%s) - started )) s"
before="$(counts "$SOURCE_URL")"

psql "$BASE/postgres" -qc "DROP DATABASE IF EXISTS \"$RESTORE_DB\" WITH (FORCE)" -c "CREATE DATABASE \"$RESTORE_DB\""
started=$(date +%s)
pg_restore --no-owner --exit-on-error --jobs=2 --dbname="$RESTORE_URL" "$DUMP"
echo "restored into $RESTORE_DB in $(( $(date +%s) - started )) s"
after="$(counts "$RESTORE_URL")"

status=0
printf '%-28s %10s %10s\n' table source restored
for table in $TABLES; do
    a="$(tr ' ' '\n' <<<"$before" | grep "^$table=" | cut -d= -f2)"
    b="$(tr ' ' '\n' <<<"$after" | grep "^$table=" | cut -d= -f2)"
    mark=""
    [ "$a" = "$b" ] || { mark="  MISMATCH"; status=1; }
    printf '%-28s %10s %10s%s\n' "$table" "$a" "$b" "$mark"
done
orders="$(tr ' ' '\n' <<<"$before" | grep '^order_order=' | cut -d= -f2)"
if [ "$orders" -eq 0 ]; then
    echo "the source database has no orders: nothing meaningful was checked"
    status=1
fi

[ "$status" = 0 ] && echo "backup round trip OK: counts equal" || echo "backup round trip FAILED"
exit "$status"
