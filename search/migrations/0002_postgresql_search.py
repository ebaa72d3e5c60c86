"""PostgreSQL only: unaccent + pg_trgm, an IMMUTABLE unaccent wrapper, a folding
text-search configuration (`ocop_fold`: unaccent + simple; available for full-text
queries over the accented `text` column, not used by the backend's queries yet), and the trigram indexes that make accent-free word-start
matching (LIKE '% mien%') and "did you mean" (similarity on the unaccented title) fast.

On other databases (SQLite) this migration does nothing: the folded column of
0001 is the whole mechanism there.
"""
from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # unaccent() is STABLE (it depends on search_path); pinning the dictionary makes a
    # wrapper that is safe to declare IMMUTABLE, so expression indexes can use it.
    """
    CREATE OR REPLACE FUNCTION ocop_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, lower($1)) $$
    """,
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'ocop_fold') THEN
            CREATE TEXT SEARCH CONFIGURATION ocop_fold (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION ocop_fold
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$
    """,
    # Word-start LIKE '% mien%' on the folded columns: trigram GIN indexes.
    "CREATE INDEX IF NOT EXISTS search_entry_text_trgm ON search_productsearchentry USING gin (text_folded gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_entry_title_trgm ON search_productsearchentry USING gin (title_folded gin_trgm_ops)",
    # Accent-free trigram similarity on titles ("did you mean").
    "CREATE INDEX IF NOT EXISTS search_entry_title_unaccent_trgm ON search_productsearchentry USING gin (ocop_unaccent(title_normal) gin_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_title_unaccent_trgm",
    "DROP INDEX IF EXISTS search_entry_title_trgm",
    "DROP INDEX IF EXISTS search_entry_text_trgm",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS ocop_fold",
    "DROP FUNCTION IF EXISTS ocop_unaccent(text)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
