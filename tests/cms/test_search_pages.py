"""Wagtail's search over portal pages, for the news section of /search/."""
import pytest

from cms import selectors
from tests.factories.cms import event_page, news_page

pytestmark = pytest.mark.django_db


def test_search_pages_finds_published_news_and_events_only():
    article = news_page(title="Miến dong Tài Hoan đạt 5 sao")
    event = event_page(title="Hội chợ miến dong Na Rì")
    hidden = news_page(title="Miến dong bản nháp")
    hidden.unpublish()
    found = selectors.search_pages("miến dong")
    assert article in found and event in found
    assert hidden not in found
    assert selectors.search_pages("   ") == []
