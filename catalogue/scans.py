"""Certificate scans: a PDF or an image, recognised from the bytes (not the name), size-limited."""
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SCAN_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def scan_extension(uploaded):
    """The file's real type as an extension ("pdf", "jpg", "png", "webp"), or ValidationError."""
    if uploaded.size > MAX_SCAN_BYTES:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s MB); tối đa %(max)s MB.")
            % {"size": round(uploaded.size / 1024 / 1024, 1), "max": MAX_SCAN_BYTES // 1024 // 1024}
        )
    uploaded.seek(0)
    head = uploaded.read(1024)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        uploaded.seek(max(uploaded.size - 2048, 0))
        tail = uploaded.read()
        uploaded.seek(0)
        if b"%%EOF" not in tail:
            raise ValidationError(_("Tệp PDF bị hỏng hoặc không đầy đủ."))
        return "pdf"
    from PIL import Image, UnidentifiedImageError

    try:
        data = uploaded.read()
        uploaded.seek(0)
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Bản quét phải là tệp PDF hoặc ảnh JPEG, PNG, WebP.")) from None
    if image_format not in IMAGE_FORMATS:
        raise ValidationError(_("Bản quét phải là tệp PDF hoặc ảnh JPEG, PNG, WebP."))
    return IMAGE_FORMATS[image_format]
