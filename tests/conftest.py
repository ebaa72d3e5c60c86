import pytest


@pytest.fixture(autouse=True)
def _wagtail_site_rows(request):
    """Transactional tests flush the rows Wagtail's migrations create (root page,
    default Site, root Collection, Locale); restore them for every test using the
    database so no later test 404s."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not names & {"db", "transactional_db"}:
        return
    if "transactional_db" in names or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
    else:
        request.getfixturevalue("db")
    from cms.bootstrap import ensure_home_page

    ensure_home_page()


@pytest.fixture
def vietnam(db):
    from marketplace.demo_steps import ensure_vietnam

    return ensure_vietnam()


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """LocaleMiddleware leaves the last request's language active in the thread; every
    test starts in the default language so an /en/ request cannot leak into the next."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
