"""Writes of the OCOP cycle. Every state change records a DossierEvent (who, when, why)."""
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from background.services import mail_enqueue
from marketplace.notifications import notification_create
from ocop import services as certificate_services
from ocop.evaluation import locks, permissions
from ocop.evaluation.models import (
    Criterion,
    Cycle,
    Dossier,
    DossierDocument,
    DossierEvent,
    MemberScore,
    ProductIdea,
    ReviewStep,
    RevocationProposal,
    ScoreLine,
    ScoringSheet,
)
from ocop.evaluation.rules import Outcome, evaluation_result, part_maxima
from ocop.evaluation.selectors import active_sheet_for, latest_member_scores, missing_documents
from ocop.evaluation.uploads import checked_upload

Status = Dossier.Status


def _event(dossier, *, action, actor, from_status="", reason="", step=None):
    return DossierEvent.objects.create(
        dossier=dossier,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=dossier.status,
        reason=reason,
        step=step,
    )


def _set_status(dossier, status, *, step=None):
    dossier.status = status
    dossier.current_step = step
    dossier.status_changed_at = timezone.now()


def _notify_producer(producer, *, subject, body):
    """An inbox notification for each of the producer's users, and the same by e-mail (sent by a
    worker after the commit, once per notification)."""
    for user in producer.partner.users.all():
        notification = notification_create(recipient=user, subject=subject, body=body)
        if user.email:
            mail_enqueue(key=f"evaluation-notification:{notification.pk}", to=user.email, subject=subject, body=body)


def _first_step():
    return ReviewStep.objects.filter(is_active=True).order_by("position", "pk").first()


def _next_step(step):
    return (
        ReviewStep.objects.filter(is_active=True, position__gt=step.position).order_by("position", "pk").first()
        if step
        else None
    )


# --- Product ideas ------------------------------------------------------------------------
def idea_submit(*, cycle, by, producer=None, **fields):
    if not cycle.accepts_dossiers:
        raise ValidationError(_("Đợt này đã ngừng nhận ý tưởng và hồ sơ."))
    idea = ProductIdea(cycle=cycle, submitted_by=by, producer=producer, **fields)
    idea.full_clean()
    idea.save()
    return idea


def idea_respond(*, idea, by, accept, response):
    """The commune answers a product idea (accepted ideas go on to a business plan and a dossier)."""
    if not permissions.has(by, permissions.REVIEW_COMMUNE):
        raise PermissionDenied
    response = (response or "").strip()
    if not accept and not response:
        raise ValidationError({"response": _("Hãy ghi lý do ý tưởng chưa phù hợp.")})
    if idea.status != ProductIdea.Status.SUBMITTED:
        raise ValidationError(_("Ý tưởng này đã được phản hồi."))
    idea.status = ProductIdea.Status.ACCEPTED if accept else ProductIdea.Status.DECLINED
    idea.response = response
    idea.save(update_fields=["status", "response"])
    notification_create(
        recipient=idea.submitted_by,
        subject=_("Phản hồi ý tưởng sản phẩm: %(title)s") % {"title": idea.title},
        body=f"{idea.get_status_display()}. {response}",
    )
    return idea


# --- Dossiers: producer side ---------------------------------------------------------
def dossier_create(*, cycle, producer, product, group, by, idea=None, previous=None, **fields):
    if not cycle.accepts_dossiers:
        raise ValidationError(_("Đợt này đã ngừng nhận hồ sơ."))
    if not product.stockrecords.filter(partner=producer.partner).exists():
        raise ValidationError({"product": _("Sản phẩm này không thuộc chủ thể của bạn.")})
    if Dossier.objects.filter(product=product, status__in=Dossier.OPEN_STATUSES).exists():
        raise ValidationError({"product": _("Sản phẩm này đã có một hồ sơ đang xử lý.")})
    dossier = Dossier(
        cycle=cycle,
        producer=producer,
        product=product,
        group=group,
        idea=idea,
        previous=previous,
        commune=producer.commune,
        district=producer.district,
        created_by=by,
        **fields,
    )
    dossier.full_clean()
    dossier.save()
    _event(dossier, action=DossierEvent.Action.CREATED, actor=by)
    return dossier


def dossier_update(*, dossier, by, **fields):
    if not dossier.is_editable_by_producer:
        raise ValidationError(_("Hồ sơ đã nộp không sửa được; chờ kết quả thẩm định."))
    for name, value in fields.items():
        setattr(dossier, name, value)
    dossier.full_clean()
    dossier.save()
    return dossier


def document_add(*, dossier, kind, uploaded, by):
    if not dossier.is_editable_by_producer:
        raise ValidationError(_("Hồ sơ đã nộp không thêm tài liệu được."))
    content, content_type = checked_upload(uploaded)
    document = DossierDocument(
        dossier=dossier,
        kind=kind,
        content_type=content_type,
        size=content.size,
        original_name=uploaded.name[:255],
        uploaded_by=by,
    )
    document.file.save(content.name, content, save=False)
    document.save()
    return document


def document_remove(*, document, by):
    if not document.dossier.is_editable_by_producer:
        raise ValidationError(_("Hồ sơ đã nộp không xoá tài liệu được."))
    name = document.file.name
    document.delete()
    # A re-evaluation draft reuses the stored files of the recognised dossier: delete the file
    # only when no other document (of any dossier) still points to it.
    if name and not DossierDocument.objects.filter(file=name).exists():
        document.file.storage.delete(name)


@transaction.atomic
def dossier_submit(*, dossier, by):
    dossier = locks.lock_dossier(dossier.pk)
    if not dossier.is_editable_by_producer:
        raise ValidationError(_("Hồ sơ này đã được nộp."))
    missing = missing_documents(dossier)
    if missing:
        raise ValidationError(
            _("Hồ sơ còn thiếu: %(items)s.") % {"items": ", ".join(str(kind.label) for kind in missing)}
        )
    step = _first_step()
    from_status = dossier.status
    _set_status(dossier, Status.IN_REVIEW if step else Status.AT_COUNCIL, step=step)
    dossier.submitted_at = timezone.now()
    dossier.save()
    _event(dossier, action=DossierEvent.Action.SUBMITTED, actor=by, from_status=from_status, step=step)
    return dossier


@transaction.atomic
def dossier_start_reevaluation(*, previous, cycle, by):
    """Re-evaluation at expiry: a new draft that reuses the last dossier's fields and files."""
    new = dossier_create(
        cycle=cycle,
        producer=previous.producer,
        product=previous.product,
        group=previous.group,
        by=by,
        previous=previous,
        summary=previous.summary,
        raw_material_area=previous.raw_material_area,
    )
    for document in previous.documents.all():
        DossierDocument.objects.create(
            dossier=new,
            kind=document.kind,
            file=document.file.name,  # the same stored file, not a copy
            content_type=document.content_type,
            size=document.size,
            original_name=document.original_name,
            uploaded_by=document.uploaded_by,
        )
    return new


# --- Review chain ---------------------------------------------------------------------
@transaction.atomic
def dossier_forward(*, dossier, by, note=""):
    dossier = locks.lock_dossier(dossier.pk)
    if dossier.status != Status.IN_REVIEW:
        raise ValidationError(_("Hồ sơ không ở bước thẩm định."))
    step = dossier.current_step
    if not permissions.can_review_step(by, step):
        raise PermissionDenied
    following = _next_step(step)
    _set_status(dossier, Status.IN_REVIEW if following else Status.AT_COUNCIL, step=following)
    dossier.save()
    _event(dossier, action=DossierEvent.Action.FORWARDED, actor=by, from_status=Status.IN_REVIEW, reason=note, step=step)
    return dossier


@transaction.atomic
def dossier_return(*, dossier, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi rõ lý do trả lại hồ sơ.")})
    dossier = locks.lock_dossier(dossier.pk)
    if dossier.status != Status.IN_REVIEW:
        raise ValidationError(_("Hồ sơ không ở bước thẩm định."))
    step = dossier.current_step
    if not permissions.can_review_step(by, step):
        raise PermissionDenied
    _set_status(dossier, Status.RETURNED)
    dossier.save()
    _event(dossier, action=DossierEvent.Action.RETURNED, actor=by, from_status=Status.IN_REVIEW, reason=reason, step=step)
    _notify_producer(
        dossier.producer,
        subject=_("Hồ sơ OCOP của %(product)s bị trả lại") % {"product": dossier.product.get_title()},
        body=_("Lý do: %(reason)s") % {"reason": reason},
    )
    return dossier


# --- Council scoring ------------------------------------------------------------------
def score_totals(sheet, points_by_criterion):
    """Validate the lines against the sheet and return (parts, total, mandatory_failed).

    Raises ValidationError for a missing line, points over a line's maximum, or a part over
    its maximum (Decision 148: A 40, B 25, C 35)."""
    errors = {}
    parts = {key: Decimal("0") for key in part_maxima()}
    mandatory_failed = False
    for criterion in sheet.criteria.all():
        if criterion.pk not in points_by_criterion or points_by_criterion[criterion.pk] is None:
            errors[criterion.code] = _("Chưa chấm tiêu chí %(code)s.") % {"code": criterion.code}
            continue
        points = Decimal(points_by_criterion[criterion.pk])
        if points < 0 or points > criterion.max_points:
            errors[criterion.code] = _("Tiêu chí %(code)s: điểm phải từ 0 đến %(max)s.") % {
                "code": criterion.code,
                "max": criterion.max_points,
            }
            continue
        parts[criterion.part] += points
        mandatory_failed = mandatory_failed or criterion.fails_mandatory(points)
    for part, maximum in part_maxima().items():
        if parts[part] > maximum:
            errors[f"part_{part}"] = _("Phần %(part)s vượt điểm tối đa %(max)s (đang là %(value)s).") % {
                "part": part,
                "max": maximum,
                "value": parts[part],
            }
    if errors:
        raise ValidationError(errors)
    return parts, sum(parts.values(), Decimal("0")), mandatory_failed


@transaction.atomic
def member_score_submit(*, dossier, member, points_by_criterion, note=""):
    """A council member's scoring; a new version if they already submitted one (never edited)."""
    if not permissions.can_score(member):
        raise PermissionDenied
    dossier = locks.lock_dossier(dossier.pk)
    if dossier.status != Status.AT_COUNCIL:
        raise ValidationError(_("Hồ sơ chưa (hoặc không còn) ở bước hội đồng chấm điểm."))
    previous = MemberScore.objects.filter(dossier=dossier, member=member).order_by("-version").first()
    if previous and not note.strip():
        raise ValidationError({"note": _("Chấm lại: hãy ghi lý do điều chỉnh.")})
    sheet = previous.sheet if previous else active_sheet_for(dossier.group)
    if sheet is None:
        raise ValidationError(_("Chưa có phiếu chấm điểm cho nhóm sản phẩm này."))
    parts, total, mandatory_failed = score_totals(sheet, points_by_criterion)
    score = MemberScore.objects.create(
        dossier=dossier,
        member=member,
        sheet=sheet,
        version=(previous.version + 1) if previous else 1,
        total=total,
        part_a=parts["A"],
        part_b=parts["B"],
        part_c=parts["C"],
        mandatory_failed=mandatory_failed,
        note=note.strip(),
    )
    ScoreLine.objects.bulk_create(
        ScoreLine(member_score=score, criterion_id=pk, points=Decimal(points))
        for pk, points in points_by_criterion.items()
        if sheet.criteria.filter(pk=pk).exists()
    )
    _event(
        dossier,
        action=DossierEvent.Action.SCORED,
        actor=member,
        from_status=dossier.status,
        # No points here: the history is visible to members who have not scored yet.
        reason=_("Nộp phiếu chấm, phiên bản %(v)s") % {"v": score.version},
    )
    return score


def suggested_agreement(dossier):
    """The mean of members' latest totals, and whether any mandatory criterion fails on average."""
    latest = latest_member_scores(dossier)
    if not latest:
        return None, False
    mean = (sum(score.total for score in latest) / len(latest)).quantize(Decimal("0.01"))
    sheet = latest[0].sheet
    failed = False
    for criterion in sheet.criteria.filter(is_mandatory=True):
        values = [line.points for score in latest for line in score.lines.all() if line.criterion_id == criterion.pk]
        if values and criterion.fails_mandatory(sum(values) / len(values)):
            failed = True
    return mean, failed


@transaction.atomic
def council_result_record(
    *, dossier, by, agreed_score, mandatory_failed, decision_number="", decision_date=None, reason=""
):
    """The chair records the agreed score. 3–4★: the province's decision issues the certificate;
    5★: the proposal to the ministry is recorded; below 3★: not certified."""
    if not permissions.can_decide(by):
        raise PermissionDenied
    dossier = locks.lock_dossier(dossier.pk)
    if dossier.status != Status.AT_COUNCIL:
        raise ValidationError(_("Hồ sơ không ở bước hội đồng."))
    if not latest_member_scores(dossier):
        raise ValidationError(_("Chưa có thành viên hội đồng nào chấm điểm."))
    result = evaluation_result(agreed_score, mandatory_failed=mandatory_failed)
    if result.outcome != Outcome.NOT_CERTIFIED and not (decision_number.strip() and decision_date):
        raise ValidationError(
            {"decision_number": _("Hãy nhập số và ngày quyết định công nhận (hoặc tờ trình đề nghị Bộ).")}
        )
    dossier.agreed_score = result.score
    dossier.mandatory_failed = result.mandatory_failed
    dossier.result_stars = result.stars
    dossier.outcome = result.outcome
    from_status = dossier.status
    if result.outcome == Outcome.PROVINCE:
        dossier.certificate = _issue_certificate(
            dossier, stars=result.stars, score=result.score, number=decision_number, on=decision_date, by=by
        )
        _set_status(dossier, Status.RECOGNISED)
        action = DossierEvent.Action.RECOGNISED
    elif result.outcome == Outcome.MINISTRY_PROPOSAL:
        dossier.proposal_number = decision_number.strip()
        dossier.proposal_date = decision_date
        _set_status(dossier, Status.MINISTRY)
        action = DossierEvent.Action.RESULT
    else:
        _set_status(dossier, Status.NOT_CERTIFIED)
        action = DossierEvent.Action.RESULT
    dossier.save()
    _event(
        dossier,
        action=action,
        actor=by,
        from_status=from_status,
        reason=_("Điểm thống nhất %(score)s → %(stars)s sao. %(reason)s")
        % {"score": result.score, "stars": result.stars, "reason": reason},
    )
    _notify_producer(
        dossier.producer,
        subject=_("Kết quả đánh giá OCOP: %(product)s") % {"product": dossier.product.get_title()},
        body=_("Điểm %(score)s, hạng %(stars)s sao: %(outcome)s.")
        % {"score": result.score, "stars": result.stars, "outcome": dossier.get_outcome_display()},
    )
    return dossier


@transaction.atomic
def ministry_decision_record(*, dossier, by, decision_number, decision_date):
    """The ministry recognised the 5★ proposal: issue the certificate."""
    if not permissions.can_decide(by):
        raise PermissionDenied
    dossier = locks.lock_dossier(dossier.pk)
    if dossier.status != Status.MINISTRY:
        raise ValidationError(_("Hồ sơ không chờ quyết định của Bộ."))
    dossier.certificate = _issue_certificate(
        dossier, stars=dossier.result_stars, score=dossier.agreed_score, number=decision_number, on=decision_date, by=by
    )
    _set_status(dossier, Status.RECOGNISED)
    dossier.save()
    _event(dossier, action=DossierEvent.Action.RECOGNISED, actor=by, from_status=Status.MINISTRY)
    return dossier


def _issue_certificate(dossier, *, stars, score, number, on, by):
    """Through the certificate engineer's service: a renewal when the last dossier had one."""
    previous_certificate = dossier.previous.certificate if dossier.previous else None
    if previous_certificate is not None and not previous_certificate.is_revoked:
        return certificate_services.certificate_renew(
            previous=previous_certificate, stars=stars, decision_number=number, decision_date=on, by=by, score=score
        )
    return certificate_services.certificate_register(
        product=dossier.product, stars=stars, score=score, decision_number=number, decision_date=on, by=by,
        is_demo=dossier.is_demo,
    )


# --- Scoring sheets (data, versioned) ------------------------------------------------------
@transaction.atomic
def sheet_new_version(*, sheet):
    """Copy a sheet into the next version (the new one becomes active; scores keep theirs)."""
    latest = ScoringSheet.objects.filter(group=sheet.group).aggregate(v=Max("version"))["v"] or 0
    ScoringSheet.objects.filter(group=sheet.group, is_active=True).update(is_active=False)
    new = ScoringSheet.objects.create(
        group=sheet.group, version=latest + 1, title=sheet.title, source_note=sheet.source_note, is_active=True
    )
    Criterion.objects.bulk_create(
        Criterion(
            sheet=new,
            part=c.part,
            code=c.code,
            text=c.text,
            max_points=c.max_points,
            is_mandatory=c.is_mandatory,
            mandatory_min_points=c.mandatory_min_points,
            source=c.source,
            position=c.position,
        )
        for c in sheet.criteria.all()
    )
    return new


def sheet_check(sheet):
    """The criteria of each part must add up to the part's maximum."""
    totals = {key: Decimal("0") for key in part_maxima()}
    for criterion in sheet.criteria.all():
        totals[criterion.part] += criterion.max_points
    return {part: (totals[part], maximum) for part, maximum in part_maxima().items() if totals[part] != maximum}


# --- Revocation ------------------------------------------------------------------------
def revocation_propose(*, certificate, source, grounds, by, evidence=None):
    if not permissions.has(by, permissions.PROPOSE_REVOCATION):
        raise PermissionDenied
    grounds = (grounds or "").strip()
    if not grounds:
        raise ValidationError({"grounds": _("Hãy nêu căn cứ đề nghị thu hồi.")})
    if certificate.is_revoked:
        raise ValidationError(_("Chứng nhận này đã bị thu hồi."))
    proposal = RevocationProposal(certificate=certificate, source=source, grounds=grounds, proposed_by=by)
    if evidence:
        content, proposal.evidence_content_type = checked_upload(evidence)
        proposal.evidence.save(content.name, content, save=False)
    proposal.save()
    return proposal


@transaction.atomic
def revocation_decide(*, proposal, accept, by, note=""):
    if not permissions.has(by, permissions.DECIDE_REVOCATION):
        raise PermissionDenied
    proposal = locks.lock_revocation_proposal(proposal.pk)
    if proposal.status != RevocationProposal.Status.PROPOSED:
        raise ValidationError(_("Đề nghị này đã được quyết định."))
    note = (note or "").strip()
    if accept:
        certificate_services.certificate_revoke(
            certificate=proposal.certificate, reason=note or proposal.grounds, by=by
        )
    elif not note:
        raise ValidationError({"note": _("Hãy ghi lý do không thu hồi.")})
    proposal.status = RevocationProposal.Status.ACCEPTED if accept else RevocationProposal.Status.REJECTED
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.decision_note = note
    proposal.save()
    if accept:
        partners = {record.partner for record in proposal.certificate.product.stockrecords.select_related("partner")}
        for partner in partners:
            profile = getattr(partner, "producer_profile", None)
            if profile is not None:
                _notify_producer(
                    profile,
                    subject=_("Chứng nhận OCOP %(number)s đã bị thu hồi")
                    % {"number": proposal.certificate.decision_number},
                    body=_("Sản phẩm %(product)s tạm ngừng bán. Lý do: %(reason)s")
                    % {"product": proposal.certificate.product.get_title(), "reason": note or proposal.grounds},
                )
    return proposal


def cycle_open(*, year, name, is_demo=False):
    cycle, _created = Cycle.objects.get_or_create(year=year, name=name, defaults={"is_demo": is_demo})
    return cycle

