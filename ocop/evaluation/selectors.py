"""Reads of the OCOP cycle: completeness, the pipeline board, the council's view."""
from collections import Counter, defaultdict

from django.db.models import Prefetch
from django.utils import timezone
from oscar.core.loading import get_model

from ocop.evaluation import permissions
from ocop.evaluation.models import (
    REQUIRED_DOCUMENTS,
    Cycle,
    Dossier,
    MemberScore,
    ScoreLine,
    ScoringSheet,
    group_choices,
)

ProducerProfile = get_model("shops", "ProducerProfile")
Product = get_model("catalogue", "Product")

AGEING_BUCKETS = [(7, "≤ 7 ngày"), (30, "8–30 ngày"), (None, "> 30 ngày")]


def open_cycle():
    return Cycle.objects.filter(accepts_dossiers=True).order_by("-year", "-pk").first()


def producers_of(user):
    if not (user and user.is_authenticated):
        return ProducerProfile.objects.none()
    return ProducerProfile.objects.filter(partner__users=user).select_related("partner")


def producer_products(producer):
    return Product.objects.filter(stockrecords__partner=producer.partner).distinct().order_by("title")


def dossiers_of(user):
    return (
        Dossier.objects.filter(producer__in=producers_of(user))
        .select_related("product", "producer__partner", "current_step", "cycle", "certificate")
        .order_by("-created_at")
    )


def missing_documents(dossier):
    """The required document kinds the dossier has no file for (what the producer still lacks)."""
    present = set(dossier.documents.values_list("kind", flat=True))
    return [kind for kind in REQUIRED_DOCUMENTS if kind.value not in present]


def completeness(dossier):
    missing = missing_documents(dossier)
    fields_missing = []
    if not dossier.summary.strip():
        fields_missing.append(Dossier._meta.get_field("summary").verbose_name)
    if not dossier.raw_material_area.strip():
        fields_missing.append(Dossier._meta.get_field("raw_material_area").verbose_name)
    done = len(REQUIRED_DOCUMENTS) - len(missing)
    return {
        "missing_documents": missing,
        "missing_fields": fields_missing,
        "done": done,
        "total": len(REQUIRED_DOCUMENTS),
        "percent": round(100 * done / len(REQUIRED_DOCUMENTS)),
        "complete": not missing,
    }


def active_sheet_for(group):
    return ScoringSheet.objects.filter(group=group, is_active=True).prefetch_related("criteria").first()


def latest_member_scores(dossier):
    """Each member's newest submitted version (older versions stay in the database)."""
    scores = (
        MemberScore.objects.filter(dossier=dossier)
        .select_related("member", "sheet")
        .prefetch_related(Prefetch("lines", queryset=ScoreLine.objects.select_related("criterion")))
        .order_by("member_id", "-version")
    )
    latest = {}
    for score in scores:
        latest.setdefault(score.member_id, score)
    return list(latest.values())


def score_history(dossier):
    return MemberScore.objects.filter(dossier=dossier).select_related("member").order_by("member_id", "version")


def may_see_scores(user, dossier):
    """A member sees the others' scores only after submitting their own; the chair always."""
    if permissions.can_decide(user):
        return True
    return permissions.can_score(user) and MemberScore.objects.filter(dossier=dossier, member=user).exists()


def side_by_side(dossier):
    """Rows per criterion with each member's latest points, plus part and total rows."""
    latest = latest_member_scores(dossier)
    if not latest:
        return {"members": [], "rows": []}
    sheet = latest[0].sheet
    points = {(score.member_id, line.criterion_id): line.points for score in latest for line in score.lines.all()}
    rows = []
    for criterion in sheet.criteria.all():
        rows.append(
            {
                "criterion": criterion,
                "values": [points.get((score.member_id, criterion.pk)) for score in latest],
            }
        )
    return {"members": latest, "rows": rows, "sheet": sheet}


def reviewable_dossiers(user):
    """Dossiers waiting at a review step this user's role can act on."""
    roles = [role for role, _label in Dossier._meta.get_field("current_step").related_model.Role.choices]
    mine = [role for role in roles if permissions.has(user, f"evaluation.{role}")]
    return Dossier.objects.filter(status=Dossier.Status.IN_REVIEW, current_step__role__in=mine)


def pipeline_queryset(*, cycle=None, group=None, district=None, status=None):
    queryset = Dossier.objects.exclude(status=Dossier.Status.DRAFT).select_related(
        "product", "producer__partner", "current_step", "cycle"
    )
    if cycle:
        queryset = queryset.filter(cycle=cycle)
    if group:
        queryset = queryset.filter(group=group)
    if district:
        queryset = queryset.filter(district=district)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("status_changed_at", "pk")


def stage_label(dossier):
    if dossier.status == Dossier.Status.IN_REVIEW and dossier.current_step:
        return dossier.current_step.name
    return dossier.get_status_display()


def ageing_label(days):
    for limit, label in AGEING_BUCKETS:
        if limit is None or days <= limit:
            return label
    return AGEING_BUCKETS[-1][1]


def pipeline_board(queryset):
    """Counts per stage (with ageing), per district/commune and per group."""
    now = timezone.now()
    groups = dict(group_choices())
    by_stage = defaultdict(Counter)
    by_place = Counter()
    by_group = Counter()
    for dossier in queryset:
        stage = stage_label(dossier)
        by_stage[stage][ageing_label(dossier.age_days(now))] += 1
        by_stage[stage]["total"] += 1
        by_place[(dossier.district or "—", dossier.commune or "—")] += 1
        by_group[groups.get(dossier.group, dossier.group)] += 1
    return {
        "stages": [
            {"stage": stage, "total": counts["total"], "ageing": [(label, counts[label]) for _l, label in AGEING_BUCKETS]}
            for stage, counts in by_stage.items()
        ],
        "places": sorted(by_place.items()),
        "groups": sorted(by_group.items()),
        "ageing_labels": [label for _l, label in AGEING_BUCKETS],
    }


def pipeline_rows(queryset):
    """Rows for the spreadsheet export given to the council meeting."""
    now = timezone.now()
    for dossier in queryset:
        yield [
            dossier.pk,
            dossier.product.get_title(),
            dossier.producer.name,
            dossier.get_group_display(),
            dossier.district,
            dossier.commune,
            stage_label(dossier),
            dossier.submitted_at.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y")
            if dossier.submitted_at
            else "",
            dossier.age_days(now),
            dossier.agreed_score if dossier.agreed_score is not None else "",
            dossier.result_stars or "",
        ]
