"""Dossier documents and evidence: the type is read from the file's content (never trusted
from the browser or the file name); the size is bounded."""
from django.utils.translation import gettext as _

from shops.images import document_kind

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def check_upload(uploaded, *, max_bytes=MAX_UPLOAD_BYTES):
    """Return the content type of an uploaded file or raise ValidationError."""
    kind = document_kind(uploaded, max_bytes=max_bytes, message=_("Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP."))
    return CONTENT_TYPES[kind]
