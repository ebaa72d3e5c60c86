"""Writes for producers: applications, approval, profile edits, follows, notifications, the change log."""
import logging

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from background.services import job_enqueue, mail_enqueue, mails_enqueue
from marketplace.content_language import canonical_language
from marketplace.partner.strategy import is_on_sale
from ocop import claims
from search.folding import slug as fold_slug
from shops import geo
from shops.images import BANNER_SIZE, LOGO_SIZE, resized_image_file
from shops.models import (
    ApplicationDocument,
    BackOfficeChange,
    Follow,
    LegalChangeRequest,
    ListingNotice,
    ProducerApplication,
    ProducerProfile,
)

logger = logging.getLogger(__name__)
Partner = get_model("partner", "Partner")


def plain_text_to_html(text):
    """A producer's plain-text story as safe rich-text HTML (one <p> per paragraph)."""
    paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join("<p>%s</p>" % escape(p).replace("\n", "<br/>") for p in paragraphs)


def change_record(*, partner, user, action, object_repr="", details=""):
    return BackOfficeChange.objects.create(
        partner=partner, user=user if user and user.is_authenticated else None,
        action=action[:64], object_repr=str(object_repr)[:255], details=details,
    )


# --- applications ---------------------------------------------------------------------


def application_submit(*, applicant, data, documents):
    """File a dossier. `documents`: [(kind, checked file)], files already validated by content."""
    if ProducerApplication.objects.filter(applicant=applicant, status=ProducerApplication.Status.SUBMITTED).exists():
        raise ValidationError(_("Bạn đã có một hồ sơ đang chờ xét duyệt."))
    application = ProducerApplication.objects.create(applicant=applicant, **data)
    for kind, upload in documents:
        ApplicationDocument.objects.create(application=application, kind=kind, file=upload)
    return application


def _unique_slug(base, model, field="slug", max_length=128):
    base = (fold_slug(base) or "nha-san-xuat")[: max_length - 6]
    slug, n = base, 2
    while model.objects.filter(**{field: slug}).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def grant_producer_access(*, user, partner):
    """Link a user to a partner with Oscar's partner dashboard access (not is_staff)."""
    partner.users.add(user)
    permission = Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    user.user_permissions.add(permission)


@transaction.atomic
def application_approve(*, application, reviewer):
    """Create the Partner + producer profile and link the applicant; decided once (row lock)."""
    from shops.locks import lock_application

    application = lock_application(application)
    if application.status != ProducerApplication.Status.SUBMITTED:
        raise ValidationError(_("Hồ sơ này đã được xét duyệt."))
    place = geo.commune(application.commune_code)
    district, commune = place if place else ({"short": ""}, {"short": ""})
    code = _unique_slug(application.name, Partner, field="code")
    partner = Partner.objects.create(name=application.name, code=code)
    with canonical_language():  # the applicant's Vietnamese story, whatever the reviewer's page language
        ProducerProfile.objects.create(
            partner=partner,
            slug=_unique_slug(application.name, ProducerProfile, max_length=140),
            legal_kind=application.legal_kind,
            registration_number=application.registration_number,
            representative=application.representative,
            commune=commune["short"],
            district=district["short"],
            commune_code=application.commune_code,
            address=application.address,
            contact_email=application.contact_email,
            phone=application.phone,
            founded_year=application.founded_year,
            story=plain_text_to_html(application.story),
        )
    grant_producer_access(user=application.applicant, partner=partner)
    application.status = ProducerApplication.Status.APPROVED
    application.partner = partner
    application.decided_by = reviewer
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "partner", "decided_by", "decided_at"])
    change_record(partner=partner, user=reviewer, action="application_approved", object_repr=application.name)
    _mail_applicant(
        application,
        _("Hồ sơ nhà sản xuất của bạn đã được duyệt"),
        _("Chúc mừng! %(name)s đã được duyệt. Bạn có thể quản lý gian hàng tại trang quản trị: /dashboard/producer/")
        % {"name": application.name},
    )
    return partner


@transaction.atomic
def application_reject(*, application, reviewer, reason):
    from shops.locks import lock_application

    application = lock_application(application)
    if application.status != ProducerApplication.Status.SUBMITTED:
        raise ValidationError(_("Hồ sơ này đã được xét duyệt."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do từ chối để người nộp biết cần bổ sung gì."))
    application.status = ProducerApplication.Status.REJECTED
    application.rejection_reason = reason
    application.decided_by = reviewer
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "rejection_reason", "decided_by", "decided_at"])
    _mail_applicant(
        application,
        _("Hồ sơ nhà sản xuất của bạn chưa được duyệt"),
        _("Hồ sơ %(name)s chưa được duyệt. Lý do: %(reason)s") % {"name": application.name, "reason": reason},
    )
    return application


def _mail_applicant(application, subject, message):
    email = application.applicant.email or application.contact_email
    if email:
        mail_enqueue(
            key=f"application:{application.pk}:{application.status}:{application.decided_at:%Y%m%d%H%M%S%f}",
            to=email, subject=subject, body=message,
        )


# --- the producer's profile -----------------------------------------------------------


def profile_update(*, profile, user, data, logo=None, banner=None, remove_logo=False, remove_banner=False):
    """Save edits to a profile (images re-encoded and resized) and log who changed what.

    The legal identity (LegalChangeRequest.FIELDS) is not changed here: a difference becomes a
    pending request that program staff approve (``legal_change_decide``); the request, if any, is
    left on ``profile.legal_change_request``.
    """
    changed = []
    data = dict(data)
    legal = {
        field: data.pop(field) for field in LegalChangeRequest.FIELDS
        if field in data and getattr(profile, field) != data[field]
    }
    profile.legal_change_request = legal_change_request(profile=profile, user=user, changes=legal) if legal else None
    # In Vietnamese: `story` is the canonical (Vietnamese) story even when edited from an /en/ page;
    # `story_en` is its optional English column.
    with canonical_language():
        for field, value in data.items():
            if field in ("story", "story_en"):
                value = plain_text_to_html(value)
            current = getattr(profile, field)
            if field == "story_en":
                current = current or ""  # an English column never written is NULL
            if current != value:
                setattr(profile, field, value)
                changed.append(field)
    if "commune_code" in changed:
        place = geo.commune(profile.commune_code)
        if place:
            profile.district, profile.commune = place[0]["short"], place[1]["short"]
            profile.latitude = profile.longitude = None
    if remove_logo and profile.logo:
        profile.logo.delete(save=False)
        changed.append("logo")
    if remove_banner and profile.banner:
        profile.banner.delete(save=False)
        changed.append("banner")
    if logo is not None:
        content = resized_image_file(logo, LOGO_SIZE, name_hint="logo")
        profile.logo.save(content.name, content, save=False)
        changed.append("logo")
    if banner is not None:
        content = resized_image_file(banner, BANNER_SIZE, name_hint="banner")
        profile.banner.save(content.name, content, save=False)
        changed.append("banner")
    profile.save()
    claims.review_on_save(obj=profile, field="story", by=user)  # forbidden health claims wait for staff
    if changed:
        change_record(
            partner=profile.partner, user=user, action="profile_updated", object_repr=profile.name,
            details=", ".join(changed),
        )
    return profile


# --- legal identity changes after approval (issue 17 §4) ------------------------------------


def legal_change_request(*, profile, user, changes):
    """File (or replace the pending) request to change the legal fields of an approved producer."""
    changes = {field: str(value) for field, value in changes.items() if field in LegalChangeRequest.FIELDS}
    pending = profile.legal_change_requests.filter(status=LegalChangeRequest.Status.PENDING).first()
    if pending is not None:
        pending.changes, pending.requested_by = changes, user
        pending.save(update_fields=["changes", "requested_by"])
        request = pending
    else:
        request = LegalChangeRequest.objects.create(profile=profile, changes=changes, requested_by=user)
    change_record(
        partner=profile.partner, user=user, action="legal_change_requested", object_repr=profile.name,
        details=", ".join(sorted(changes)),
    )
    return request


@transaction.atomic
def legal_change_decide(*, request, reviewer, approve, reason=""):
    """Program staff (shops.review_producerapplication) apply or refuse a legal change request."""
    from shops.permissions import can_review_applications

    if not can_review_applications(reviewer):
        raise PermissionDenied
    request = LegalChangeRequest.objects.select_for_update().select_related("profile").get(pk=request.pk)
    if request.status != LegalChangeRequest.Status.PENDING:
        raise ValidationError(_("Đề nghị này đã được xử lý."))
    request.status = LegalChangeRequest.Status.APPROVED if approve else LegalChangeRequest.Status.REJECTED
    request.decided_by, request.decided_at, request.reason = reviewer, timezone.now(), reason
    request.save()
    if approve:
        profile = request.profile
        for field, value in request.changes.items():
            setattr(profile, field, value)
        profile.full_clean(exclude=["partner", "slug", "logo", "banner"])
        profile.save(update_fields=list(request.changes))
        change_record(
            partner=profile.partner, user=reviewer, action="legal_change_approved", object_repr=profile.name,
            details=", ".join(sorted(request.changes)),
        )
    return request


# --- follows and notifications --------------------------------------------------------


def follow_add(*, user, partner):
    try:
        with transaction.atomic():
            return Follow.objects.get_or_create(user=user, partner=partner)[0]
    except IntegrityError:
        return Follow.objects.get(user=user, partner=partner)


def follow_remove(*, user, partner):
    Follow.objects.filter(user=user, partner=partner).delete()


def _followers(partner_id):
    return Follow.objects.filter(partner_id=partner_id, user__is_active=True).exclude(user__email="")


def notify_followers(*, partner, subject, message, event):
    """E-mail everyone following `partner` about `event` (a key naming it, e.g. "listing:12"):
    recorded now as one background job, fanned out by a worker (followers_mail) after the commit.

    Public API for other apps. Returns the number of followers who will be e-mailed.
    """
    count = _followers(partner.pk).count()
    if count:
        job_enqueue(
            "shops.services.followers_mail", key=f"followers:{event}", partner_id=partner.pk,
            subject=str(subject), message=str(message), event=event,
        )
    return count


def followers_mail(*, partner_id, subject, message, event, batch=1000):
    """Worker: record one e-mail per follower, keyed by `event` and the user (so a re-run, or a
    reminder for the same event, never mails anyone twice), `batch` followers at a time."""
    last, total = 0, 0
    while True:
        rows = list(
            _followers(partner_id).filter(user_id__gt=last).order_by("user_id").values_list("user_id", "user__email")[:batch]
        )
        if not rows:
            return total
        total += mails_enqueue(
            [{"key": f"{event}:user:{user_id}", "to": email, "subject": subject, "body": message} for user_id, email in rows]
        )
        last = rows[-1][0]


def listing_notify(*, product, site_url=""):
    """Tell the followers of each producer stocking `product` that it is newly on sale (once each)."""
    if not product.is_public or not is_on_sale(product):
        return 0
    total = 0
    partners = Partner.objects.filter(stockrecords__product=product).distinct()
    for partner in partners:
        try:
            with transaction.atomic():
                notice = ListingNotice.objects.create(partner=partner, product=product)
        except IntegrityError:
            continue  # already announced
        url = f"{site_url or settings.WAGTAILADMIN_BASE_URL}{product.get_absolute_url()}"
        count = notify_followers(
            partner=partner,
            event=f"listing:{notice.pk}",
            subject=_("%(producer)s vừa mở bán sản phẩm mới") % {"producer": partner.name},
            message=_("%(producer)s vừa mở bán: %(product)s.\nXem sản phẩm: %(url)s\n\n"
                      "Bạn nhận thư này vì đang theo dõi %(producer)s trên Chợ OCOP Bắc Kạn.")
            % {"producer": partner.name, "product": product.get_title(), "url": url},
        )
        notice.recipients = count
        notice.save(update_fields=["recipients"])
        total += count
    return total


# --- the producer's team (assisted sellers) ---------------------------------------------


def team_member_add(*, partner, email, by):
    """Give an existing account access to this producer's back office (e.g. a cooperative clerk)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        raise ValidationError(_("Không có tài khoản nào với email này. Người đó cần đăng ký tài khoản trước."))
    if partner.users.filter(pk=user.pk).exists():
        raise ValidationError(_("Người này đã là thành viên của gian hàng."))
    if user.is_staff:
        raise ValidationError(_("Tài khoản quản trị không được gắn vào gian hàng của nhà sản xuất."))
    grant_producer_access(user=user, partner=partner)
    change_record(partner=partner, user=by, action="member_added", object_repr=user.email)
    return user


def team_member_remove(*, partner, user, by):
    if partner.users.count() <= 1:
        raise ValidationError(_("Gian hàng cần ít nhất một người quản lý."))
    partner.users.remove(user)
    if not user.partners.exists():
        permission = Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
        user.user_permissions.remove(permission)
    change_record(partner=partner, user=by, action="member_removed", object_repr=user.email)
