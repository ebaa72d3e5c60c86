"""Uploaded pictures and documents, checked by their content (never by name or browser type).

Pictures are opened with Pillow (an HTML page or an SVG named .jpg is not an image Pillow
reads), refused above a byte size and a pixel count (decompression bombs), and re-encoded
at a bounded size, which also drops metadata and anything appended to the file.
"""
import io
import os
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: beyond any phone camera's picture, below a bomb
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}

LOGO_SIZE = (400, 400)
BANNER_SIZE = (1600, 600)


def _megabytes(size):
    return f"{size // (1024 * 1024)} MB"


def check_size(upload, limit):
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s). Dung lượng tối đa là %(limit)s.")
            % {"size": f"{upload.size / (1024 * 1024):.1f} MB", "limit": _megabytes(limit)},
            code="too_large",
        )


def open_image(upload, *, max_bytes=MAX_IMAGE_BYTES):
    """The upload as a fully decoded Pillow image, or ValidationError with a Vietnamese message."""
    check_size(upload, max_bytes)
    upload.seek(0)
    data = upload.read()
    not_image = ValidationError(
        _("Tệp này không phải là ảnh hợp lệ. Hãy tải lên ảnh JPEG, PNG, WebP hoặc GIF."), code="not_image"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in ALLOWED_FORMATS:
                raise not_image
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("Ảnh có kích thước %(w)s×%(h)s điểm ảnh, quá lớn để xử lý. Hãy dùng ảnh nhỏ hơn.")
                    % {"w": width, "h": height},
                    code="too_many_pixels",
                )
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("Ảnh quá lớn để xử lý (nghi là ảnh nén bất thường)."), code="bomb")
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise not_image
    return image


def resized_image_file(upload, max_size, *, name_hint="anh", max_bytes=MAX_IMAGE_BYTES):
    """A re-encoded copy of an uploaded picture that fits in max_size (ContentFile)."""
    image = open_image(upload, max_bytes=max_bytes)
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail(max_size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    stem = slugify(os.path.splitext(os.path.basename(upload.name or name_hint))[0])[:60] or name_hint
    if has_alpha:
        image.save(buffer, format="PNG", optimize=True)
        name = f"{stem}.png"
    else:
        image.save(buffer, format="JPEG", quality=85, optimize=True)
        name = f"{stem}.jpg"
    return ContentFile(buffer.getvalue(), name=name)


FORMAT_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def document_kind(upload, *, max_bytes=MAX_DOCUMENT_BYTES, image_formats=("JPEG", "PNG", "WEBP"), message=None):
    """What an uploaded document really is: "pdf", or the picture's extension ("jpg", "png",
    "webp"), read from its content; ValidationError (Vietnamese) for anything else.

    A PDF must start with its signature and end with its end-of-file marker (a truncated
    upload is refused); a picture must decode fully with Pillow. The one check behind
    certificate scans, dossier documents and evaluation evidence.
    """
    refused = ValidationError(message or _("Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG, WebP."), code="content_type")
    if not upload.size:
        raise ValidationError(_("Tệp rỗng."), code="empty")
    check_size(upload, max_bytes)
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        upload.seek(max(upload.size - 2048, 0))
        tail = upload.read()
        upload.seek(0)
        if b"%%EOF" not in tail:
            raise ValidationError(_("Tệp PDF bị hỏng hoặc không đầy đủ."), code="broken_pdf")
        return "pdf"
    try:
        image = open_image(upload, max_bytes=max_bytes)
    except ValidationError as error:
        if error.code == "not_image":
            raise refused from None
        raise
    finally:
        upload.seek(0)
    if image.format not in image_formats:
        raise refused
    return FORMAT_EXTENSIONS[image.format]


def check_document(upload):
    """A dossier document: a PDF (by its signature) or a picture Pillow can read."""
    check_size(upload, MAX_DOCUMENT_BYTES)
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return upload
    try:
        return resized_image_file(upload, (2400, 2400), name_hint="giay-to", max_bytes=MAX_DOCUMENT_BYTES)
    except ValidationError as error:
        if error.code in ("not_image",):
            raise ValidationError(
                _("Giấy tờ phải là tệp PDF hoặc ảnh chụp (JPEG, PNG, WebP)."), code="bad_document"
            )
        raise
