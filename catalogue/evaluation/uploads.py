"""Upload checks: the content type is read from the file's first bytes (magic numbers),
never trusted from the browser or the file name; the size is bounded."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]


def sniff_content_type(head: bytes):
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_upload(uploaded, *, max_bytes=MAX_UPLOAD_BYTES):
    """Return the sniffed content type of an uploaded file or raise ValidationError."""
    if uploaded.size == 0:
        raise ValidationError(_("Tệp rỗng."), code="empty")
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s MB); tối đa %(max)s MB.")
            % {"size": round(uploaded.size / 1024 / 1024, 1), "max": max_bytes // 1024 // 1024},
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ValidationError(_("Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP."), code="content_type")
    return content_type
