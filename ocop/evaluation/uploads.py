"""Dossier documents and evidence: the type is read from the file's content (never trusted
from the browser or the file name); the size is bounded; what is stored is what
shops.images.checked_document returns (a checked PDF or a re-encoded picture, random name)."""
from django.utils.translation import gettext as _

from shops.images import CONTENT_TYPES, checked_document

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MESSAGE = _("Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP.")


def checked_upload(uploaded, *, max_bytes=MAX_UPLOAD_BYTES):
    """(file to store, content type) for an uploaded document, or ValidationError."""
    content, kind = checked_document(uploaded, max_bytes=max_bytes, message=MESSAGE)
    return content, CONTENT_TYPES[kind]


def check_upload(uploaded, *, max_bytes=MAX_UPLOAD_BYTES):
    """Return the content type of an uploaded file or raise ValidationError."""
    return checked_upload(uploaded, max_bytes=max_bytes)[1]
