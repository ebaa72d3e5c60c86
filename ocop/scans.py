"""Certificate scans: a PDF or an image, recognised from the bytes (not the name), size-limited."""
from django.utils.translation import gettext as _

from shops.images import checked_document, document_kind

MAX_SCAN_BYTES = 5 * 1024 * 1024


def scan_extension(uploaded):
    """The file's real type as an extension ("pdf", "jpg", "png", "webp"), or ValidationError."""
    return document_kind(
        uploaded, max_bytes=MAX_SCAN_BYTES, message=_("Bản quét phải là tệp PDF hoặc ảnh JPEG, PNG, WebP.")
    )


def checked_scan(uploaded):
    """The file to store for a scan (random name, checked PDF or re-encoded picture)."""
    return checked_document(
        uploaded, max_bytes=MAX_SCAN_BYTES, message=_("Bản quét phải là tệp PDF hoặc ảnh JPEG, PNG, WebP.")
    )[0]
