"""Build the search indexes.

    manage.py search_index --rebuild      # database search rows, then Elasticsearch (alias swap)
    manage.py search_index --rebuild --database-only
    manage.py search_index --products 12 15   # re-index some products

Elasticsearch is rebuilt only when ELASTICSEARCH_URL is set: a new index is filled in
bulk, then the alias moves to it in one atomic call, so searches never see an empty or
half-built index.
"""
import sys

from django.core.management.base import BaseCommand, CommandError

from search.backends import index_backends


class Progress:
    def __init__(self, stream, label, total):
        self.stream, self.label, self.total, self.done = stream, label, max(total, 1), 0

    def __call__(self, n):
        self.done += n
        width = 30
        filled = int(width * min(self.done, self.total) / self.total)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
        self.stream.flush()

    def finish(self):
        self.stream.write("\n")


class Command(BaseCommand):
    help = "Rebuild the product search rows (database) and the Elasticsearch index."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Rebuild everything")
        parser.add_argument("--database-only", action="store_true", help="Skip Elasticsearch")
        parser.add_argument("--products", nargs="+", type=int, help="Re-index these product ids")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options):
        from oscar.core.loading import get_model

        Product = get_model("catalogue", "Product")
        if not options["rebuild"] and not options["products"]:
            raise CommandError("Give --rebuild or --products ID [ID ...].")
        stream = self.stdout if self.stdout.isatty() else sys.stderr
        if options["products"]:
            for backend in index_backends(elasticsearch=not options["database_only"]):
                backend.update_products(options["products"], refresh=True)
            self.stdout.write(self.style.SUCCESS(f"Re-indexed {len(options['products'])} products."))
            return
        total = Product.objects.count()
        progress = Progress(stream, "database     ", total)
        (database,) = index_backends(elasticsearch=False)
        n = database.rebuild(batch_size=options["batch_size"], progress=progress)
        progress.finish()
        self.stdout.write(self.style.SUCCESS(f"Database search rows: {n} products."))
        for backend in index_backends(database=False, elasticsearch=not options["database_only"]):
            progress = Progress(stream, "elasticsearch", Product.objects.browsable().count())
            try:
                n = backend.rebuild(batch_size=options["batch_size"], progress=progress)
            except Exception as exc:
                raise CommandError(f"Elasticsearch rebuild failed: {exc}") from exc
            progress.finish()
            self.stdout.write(self.style.SUCCESS(f"Elasticsearch index '{backend.alias}': {n} products, alias swapped."))
