import pytest

from tests.factories.evaluation import CycleFactory, complete_dossier, producer_with_user, user_with_perms


@pytest.fixture
def cycle(db):
    return CycleFactory()


@pytest.fixture
def producer_user(db):
    return producer_with_user()


@pytest.fixture
def commune_reviewer(db):
    return user_with_perms("review_commune", username="can-bo-xa")


@pytest.fixture
def members(db):
    return [user_with_perms("score_dossier", username=f"thanh-vien-{i}") for i in (1, 2)]


@pytest.fixture
def chair(db):
    return user_with_perms("decide_council", username="chu-tich")


@pytest.fixture
def draft(cycle, producer_user):
    user, producer = producer_user
    return complete_dossier(producer=producer, cycle=cycle, by=user)


def points_for(sheet, *, total):
    """Points per criterion summing exactly to `total`, proportional to each line's maximum."""
    from decimal import ROUND_DOWN, Decimal

    criteria = list(sheet.criteria.all())
    total = Decimal(str(total))
    points = {c.pk: (c.max_points * total / 100).quantize(Decimal("0.01"), rounding=ROUND_DOWN) for c in criteria}
    remainder = total - sum(points.values())
    for c in criteria:
        room = c.max_points - points[c.pk]
        step = min(room, remainder)
        points[c.pk] += step
        remainder -= step
    assert sum(points.values()) == total
    return points
