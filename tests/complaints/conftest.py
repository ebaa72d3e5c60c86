import pytest

from tests.payments.conftest import localstripe_url, post_event, stripe_settings  # noqa: F401  (fixtures)


@pytest.fixture
def cod_case(vietnam):
    from tests.factories.complaints import delivered_cod_order

    order, user, partner, line = delivered_cod_order()
    return {"order": order, "user": user, "partner": partner, "line": line}
