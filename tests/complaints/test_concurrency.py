"""Races on PostgreSQL: shoppers double-submitting a request on one line get one request; staff
double-recording a refund count it once. SQLite serialises writers, so this runs on PostgreSQL only
(DATABASE_URL=postgres://postgres@127.0.0.1:5432/ocop_returns)."""
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from marketplace.complaints import services
from marketplace.complaints.models import Refund, ReturnRequest
from tests.factories.checkout import staff_user
from tests.factories.complaints import delivered_cod_order, open_request
from tests.factories.shops import producer_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks race only on PostgreSQL (DATABASE_URL)"),
]
RACERS = 8


def race(work):
    barrier = threading.Barrier(RACERS)
    results = [None] * RACERS

    def run(index):
        try:
            barrier.wait(timeout=30)
            results[index] = ("ok", work(index))
        except ValidationError as error:
            results[index] = ("refused", error.messages)
        except Exception as error:  # a deadlock or an IntegrityError must fail the test
            results[index] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a racer hung (deadlock?)"
    return results


def test_simultaneous_requests_on_one_line_make_one(vietnam):
    order, user, _partner, line = delivered_cod_order()
    results = race(lambda i: open_request(line, user).pk)
    outcomes = sorted(kind for kind, _value in results)
    assert outcomes == ["ok"] + ["refused"] * (RACERS - 1), results
    assert ReturnRequest.objects.filter(line=line).count() == 1


def test_simultaneous_refund_records_count_once(vietnam):
    order, user, partner, line = delivered_cod_order()
    request = open_request(line, user)
    services.request_answer(request_id=request.pk, user=producer_user(partner), accept=True)
    judge = staff_user("complaints.decide_returnrequest")
    results = race(lambda i: services.refund_transfer_record(request_id=request.pk, user=judge, reference=f"FT{i}").pk)
    assert {kind for kind, _value in results} == {"ok"}, results
    assert len({value for _kind, value in results}) == 1  # every caller got the same refund
    assert Refund.objects.count() == 1
    order.payment.refresh_from_db()
    assert order.payment.amount_refunded == 120000
