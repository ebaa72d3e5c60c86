import oscar.apps.search.apps as apps
from django.urls import path


class SearchConfig(apps.SearchConfig):
    name = "search"

    def ready(self):
        super().ready()
        from search import signals
        from search.views.suggest import suggest

        self.suggest_view = suggest
        signals.connect()

    def get_urls(self):
        urls = super().get_urls()
        urls.append(path("suggest/", self.suggest_view, name="suggest"))
        return self.post_process_urls(urls)
