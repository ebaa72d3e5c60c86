"""The council's result from the agreed score: ONE function, built on ocop.rules.

50–69.99 → 3★ (province), 70–89.99 → 4★ (province), 90–100 → 5★ proposed to the ministry,
below 50 → not certified (1–2★). A failing mandatory criterion blocks 3★ whatever the total.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ocop import rules as ocop_rules
from ocop.reference_data import ocop_facts

MAX_SCORE = Decimal(ocop_facts()["star_scale"]["max_points"])


def part_maxima():
    """{"A": 40, "B": 25, "C": 35} from the Decision 148 scale in the data file."""
    return {key.split("_", 1)[0]: Decimal(value) for key, value in ocop_facts()["star_scale"]["parts_148"].items()}


class Outcome:
    PROVINCE = "province"
    MINISTRY_PROPOSAL = "ministry_proposal"
    NOT_CERTIFIED = "not_certified"

    choices = [
        (PROVINCE, _("Tỉnh công nhận (3–4 sao)")),
        (MINISTRY_PROPOSAL, _("Đề nghị Bộ công nhận 5 sao")),
        (NOT_CERTIFIED, _("Không đạt (dưới 3 sao)")),
    ]


@dataclass(frozen=True)
class EvaluationResult:
    score: Decimal
    stars: int
    outcome: str
    mandatory_failed: bool

    @property
    def certified(self):
        return ocop_rules.is_certified_rank(self.stars)


def evaluation_result(score, *, mandatory_failed=False):
    """The star rank and what happens next for an agreed score on the 100-point scale."""
    score = Decimal(str(score))
    if score < 0 or score > MAX_SCORE:
        raise ValueError(f"score {score} outside 0–{MAX_SCORE}")
    stars = ocop_rules.stars_for_score(score)
    if mandatory_failed:
        stars = min(stars, ocop_rules.CERTIFIED_MIN_STARS - 1)
    if not ocop_rules.is_certified_rank(stars):
        outcome = Outcome.NOT_CERTIFIED
    elif ocop_rules.issuing_level(stars) == "ministry":
        outcome = Outcome.MINISTRY_PROPOSAL
    else:
        outcome = Outcome.PROVINCE
    return EvaluationResult(score=score, stars=stars, outcome=outcome, mandatory_failed=mandatory_failed)
