"""Uploaded pictures and documents, checked by their content (never by name or browser type).

The one upload check module (issue 17, ASVS V12):
- Pictures are opened with Pillow (an HTML page or an SVG named .jpg is not an image Pillow
  reads), refused above a byte size and a pixel count (decompression bombs), and re-encoded
  at a bounded size, which also drops metadata and anything appended to the file.
- PDFs are parsed with pypdf and refused when they carry active content (JavaScript, embedded
  files, launch/submit/import actions, an /OpenAction or /AA action other than "go to a page").
- Every stored file gets a random name chosen here, with the extension of the detected type
  (``random_file_name``); the client's name never reaches the storage.
"""
import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: beyond any phone camera's picture, below a bomb
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}

LOGO_SIZE = (400, 400)
BANNER_SIZE = (1600, 600)


#: The extensions a stored upload may carry (the types detected below).
STORED_EXTENSIONS = {"pdf", "jpg", "png", "webp", "gif"}
CONTENT_TYPES = {
    "pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif",
}


def random_file_name(filename_or_extension):
    """A server-chosen name: 32 random hex digits + the extension of the type we detected.

    Called with the extension itself ("pdf") or with a name a check of this module produced;
    an extension outside STORED_EXTENSIONS becomes ".bin" (never served as anything active).
    """
    extension = str(filename_or_extension).rsplit(".", 1)[-1].lower()
    if extension == "jpeg":
        extension = "jpg"
    return f"{uuid.uuid4().hex}.{extension if extension in STORED_EXTENSIONS else 'bin'}"


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
    if has_alpha:
        image.save(buffer, format="PNG", optimize=True)
        name = random_file_name("png")
    else:
        image.save(buffer, format="JPEG", quality=85, optimize=True)
        name = random_file_name("jpg")
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
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        check_pdf(data)
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


DOCUMENT_PICTURE_SIZE = (2400, 2400)


def checked_document(upload, *, max_bytes=MAX_DOCUMENT_BYTES, message=None):
    """The file to store for an uploaded document: (ContentFile under a random name, kind).

    A PDF passes ``check_pdf`` and is kept byte for byte; a picture is re-encoded (bounded size,
    no metadata, nothing appended). Certificate scans, dossier documents, evidence and producer
    applications all store what this returns.
    """
    kind = document_kind(upload, max_bytes=max_bytes, message=message)
    if kind == "pdf":
        upload.seek(0)
        content = ContentFile(upload.read(), name=random_file_name("pdf"))
        upload.seek(0)
        return content, "pdf"
    picture = resized_image_file(upload, DOCUMENT_PICTURE_SIZE, max_bytes=max_bytes)
    return picture, picture.name.rsplit(".", 1)[-1]


def check_document(upload):
    """A producer application document: a checked PDF or a re-encoded picture (ContentFile)."""
    return checked_document(upload, message=_("Giấy tờ phải là tệp PDF hoặc ảnh chụp (JPEG, PNG, WebP)."))[0]


# --- PDFs ------------------------------------------------------------------------------------
#: Dictionary keys that make a PDF do something by itself when opened or clicked.
PDF_ACTIVE_KEYS = {
    "/JavaScript", "/JS", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA", "/AA", "/Launch",
}
#: Action types (/S) refused anywhere in the file; "/GoTo" (a page of the same file) and "/URI"
#: (a link the reader asks about) stay allowed.
PDF_ACTIVE_ACTIONS = {
    "/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/GoToR", "/RichMediaExecute",
    "/Rendition", "/Sound", "/Movie",
}
#: Raw names looked for in the bytes too (objects a broken cross-reference table would hide).
PDF_ACTIVE_BYTES = (b"/JavaScript", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")
PDF_MAX_OBJECTS = 100_000


def check_pdf(data):
    """Parse ``data`` with pypdf; ValidationError (Vietnamese) for a broken, encrypted or active PDF."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    broken = ValidationError(_("Tệp PDF bị hỏng hoặc không đầy đủ."), code="broken_pdf")
    active = ValidationError(
        _("Tệp PDF có nội dung chủ động (JavaScript, tệp đính kèm hoặc lệnh tự chạy), không được nhận. "
          "Hãy in lại thành PDF thường rồi tải lên."),
        code="active_pdf",
    )
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise broken
    if any(name in data for name in PDF_ACTIVE_BYTES):
        raise active
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise ValidationError(_("Không nhận tệp PDF có mật khẩu."), code="encrypted_pdf")
            if len(reader.pages) < 1:
                raise broken
            seen, stack, count = set(), [reader.trailer], 0
            while stack:
                item = stack.pop()
                if isinstance(item, IndirectObject):
                    key = (item.idnum, item.generation)
                    if key in seen:
                        continue
                    seen.add(key)
                    item = item.get_object()
                count += 1
                if count > PDF_MAX_OBJECTS:
                    raise broken
                if isinstance(item, DictionaryObject):
                    if any(key in PDF_ACTIVE_KEYS for key in item.keys()):
                        raise active
                    if item.get("/S") in PDF_ACTIVE_ACTIONS:
                        raise active
                    open_action = item.get("/OpenAction")
                    if open_action is not None and isinstance(open_action.get_object(), DictionaryObject):
                        if open_action.get_object().get("/S") != "/GoTo":
                            raise active
                    stack.extend(value for key, value in item.items() if key != "/Parent")
                elif isinstance(item, ArrayObject):
                    stack.extend(item)
    except ValidationError:
        raise
    except Exception:  # pypdf raises many kinds on malformed input: all mean "not a PDF we keep"
        raise broken from None
