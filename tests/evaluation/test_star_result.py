"""The council's result from the agreed score, at every band edge."""
from decimal import Decimal

import pytest

from ocop.evaluation.rules import Outcome, evaluation_result


@pytest.mark.parametrize(
    "score, stars, outcome",
    [
        ("0", 1, Outcome.NOT_CERTIFIED),
        ("49.9", 2, Outcome.NOT_CERTIFIED),
        ("49.99", 2, Outcome.NOT_CERTIFIED),
        ("50", 3, Outcome.PROVINCE),
        ("69.9", 3, Outcome.PROVINCE),
        ("69.99", 3, Outcome.PROVINCE),
        ("70", 4, Outcome.PROVINCE),
        ("89.9", 4, Outcome.PROVINCE),
        ("89.99", 4, Outcome.PROVINCE),
        ("90", 5, Outcome.MINISTRY_PROPOSAL),
        ("100", 5, Outcome.MINISTRY_PROPOSAL),
    ],
)
def test_band_edges(score, stars, outcome):
    result = evaluation_result(Decimal(score), mandatory_failed=False)
    assert (result.stars, result.outcome) == (stars, outcome)
    assert result.certified is (stars >= 3)


@pytest.mark.parametrize("score", ["50", "70", "95", "100"])
def test_failing_mandatory_criterion_blocks_three_stars_whatever_the_total(score):
    result = evaluation_result(Decimal(score), mandatory_failed=True)
    assert result.stars == 2
    assert result.outcome == Outcome.NOT_CERTIFIED
    assert not result.certified


def test_mandatory_failure_keeps_a_lower_rank():
    assert evaluation_result(Decimal("20"), mandatory_failed=True).stars == 1


@pytest.mark.parametrize("score", ["-0.01", "100.01"])
def test_scores_outside_the_scale_are_refused(score):
    with pytest.raises(ValueError):
        evaluation_result(Decimal(score))
