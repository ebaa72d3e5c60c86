"""Forbidden health claims (advertising law: food and herbal products are not medicine).

One checker for every text: product descriptions and producer stories with a hit wait for staff
review (ClaimReview, the phrase highlighted); live-session titles and hosts' chat with a hit are
held and the host is told which phrase. Matching is folded with search.folding.fold, the
project's one folding function, so "chữa khỏi", "chua khoi" and "CHỮA KHỎI" are the same.
Staff edit the list (ocop.HealthClaimPhrase, Django admin).
"""
import re

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from marketplace.content_language import canonical_language
from search.folding import fold

DEFAULT_PHRASES = [
    "chữa khỏi", "chữa bệnh", "điều trị", "thay thế thuốc", "đặc trị", "ung thư", "trị dứt điểm",
    "khỏi bệnh", "tiểu đường", "cao huyết áp", "phòng ngừa bệnh",
]


def phrases():
    """The active phrases staff maintain; the default list while the table has no row at all
    (a migration seeds it; a flushed test database has none)."""
    from ocop.models import HealthClaimPhrase

    rows = list(HealthClaimPhrase.objects.values_list("phrase", "is_active"))
    if not rows:
        return list(DEFAULT_PHRASES)
    return [phrase for phrase, active in rows if active]


def _folded_with_positions(text):
    """The folded text, one character per original character (so hits map back to the original)."""
    chars = []
    for ch in text:
        folded = fold(ch)
        chars.append(folded[0] if folded else " ")
    return "".join(chars)


def find(text, phrase_list=None):
    """[(start, end, phrase)] of forbidden phrases in `text`, in order, accents and case ignored."""
    if not text:
        return []
    folded = _folded_with_positions(str(text))
    hits = []
    for phrase in phrase_list if phrase_list is not None else phrases():
        words = fold(phrase).split()
        if not words:
            continue
        pattern = r"(?<![a-z0-9])" + r"\s+".join(re.escape(word) for word in words) + r"(?![a-z0-9])"
        for match in re.finditer(pattern, folded):
            hits.append((match.start(), match.end(), phrase))
    return sorted(hits)


def found_phrases(text, phrase_list=None):
    seen = []
    for start, end, _phrase in find(text, phrase_list):
        piece = str(text)[start:end]
        if piece not in seen:
            seen.append(piece)
    return seen


def highlight(text, phrase_list=None):
    """The text, HTML-escaped, with each forbidden phrase in <mark>."""
    text = str(text or "")
    out, last = [], 0
    for start, end, _phrase in find(text, phrase_list):
        if start < last:
            continue
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def held_message(hits):
    return _(
        "Nội dung có cụm từ quảng cáo công dụng chữa bệnh: “%(phrases)s”. Thực phẩm và sản phẩm từ dược liệu "
        "không được quảng cáo như thuốc; hãy sửa lại."
    ) % {"phrases": "”, “".join(hits)}


# --- descriptions and stories: wait for staff review -----------------------------------------


def _reviewed_text(obj, field):
    """The text a review is about: the Vietnamese one for a translated field (the phrase list is
    Vietnamese), so a description held in Vietnamese stays held on the English page too."""
    with canonical_language():
        return getattr(obj, field, "") or ""


def review_on_save(*, obj, field, by=None):
    """Called by the save services: a text with a hit gets (or refreshes) a pending review; a text
    without one clears any pending review of that field. Returns the pending review or None."""
    from django.contrib.contenttypes.models import ContentType

    from ocop.models import ClaimReview

    text = _reviewed_text(obj, field)
    content_type = ContentType.objects.get_for_model(obj)
    pending = ClaimReview.objects.filter(
        content_type=content_type, object_id=obj.pk, field=field, status=ClaimReview.Status.PENDING
    )
    hits = found_phrases(text)
    if not hits:
        pending.delete()
        return None
    approved = ClaimReview.objects.filter(
        content_type=content_type, object_id=obj.pk, field=field, status=ClaimReview.Status.APPROVED, text=text
    )
    if approved.exists():
        return None
    pending.delete()
    return ClaimReview.objects.create(
        content_type=content_type, object_id=obj.pk, field=field, text=text, phrases=hits, submitted_by=by
    )


def is_held(obj, field):
    """True while the field's current text waits for review (or was not approved)."""
    from django.contrib.contenttypes.models import ContentType

    from ocop.models import ClaimReview

    if obj is None or not getattr(obj, "pk", None):
        return False
    return ClaimReview.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, field=field,
        status__in=[ClaimReview.Status.PENDING, ClaimReview.Status.REJECTED], text=_reviewed_text(obj, field),
    ).exists()


def review_decide(*, review, approve, by):
    review.status = review.Status.APPROVED if approve else review.Status.REJECTED
    review.decided_by = by
    review.decided_at = timezone.now()
    review.save(update_fields=["status", "decided_by", "decided_at"])
    return review


# --- live: titles and hosts' chat are held, the host told why ------------------------------------


def check_host_chat(body, *, host):
    """Hosts' chat with a forbidden claim is not posted; the LiveError tells the host why."""
    if not host:
        return
    hits = found_phrases(body)
    if hits:
        from livestream.services import LiveError

        raise LiveError("health_claim", held_message(hits))


def form_check(form, field):
    """Add the reason to a form field whose text has a forbidden claim (live-session titles)."""
    hits = found_phrases(form.cleaned_data.get(field) or "")
    if hits:
        form.add_error(field, held_message(hits))
