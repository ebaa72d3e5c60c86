"""Private uploads (issue 17, ASVS V12.4/V12.5): producer applications, dossier documents and
revocation evidence, certificate scans, complaint photos.

They are stored by the "private" storage under PRIVATE_MEDIA_ROOT, outside the public MEDIA_ROOT,
and have no public URL: each is served by a view that checks, at every request, who may see it,
and that view answers with ``private_file_response`` (the only place that builds such a response):

- development: Django streams the file (``FileResponse``);
- production (``PRIVATE_MEDIA_ACCEL_PREFIX`` set): an empty response with ``X-Accel-Redirect`` to
  nginx's ``internal`` location, which sends the file (see docs/OPERATIONS.md);
- always: ``Content-Disposition: attachment`` for anything that is not a picture,
  ``X-Content-Type-Options: nosniff``, ``Content-Security-Policy: sandbox`` and no caching.
"""
import os
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import storages
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from shops.images import CONTENT_TYPES

PRIVATE_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def private_storage():
    """The storage of every private file field (a callable, so settings overrides apply)."""
    return storages["private"]


def _content_type(name):
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return CONTENT_TYPES.get("jpg" if extension == "jpeg" else extension, "application/octet-stream")


def private_file_response(field_file, *, download_name=None):
    """The response that hands one private file to a user the calling view has already checked."""
    name = field_file.name
    content_type = _content_type(name)
    picture = content_type.startswith("image/")
    extension = name.rsplit(".", 1)[-1].lower() if content_type != "application/octet-stream" else "bin"
    stem = slugify(os.path.splitext(os.path.basename(download_name or name))[0])[:80] or "tep"
    prefix = getattr(settings, "PRIVATE_MEDIA_ACCEL_PREFIX", "")
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
    else:
        response = FileResponse(field_file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not picture, f"{stem}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PRIVATE_CSP
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


def move_to_private_storage(model, field_name, *, public=None, private=None, log=None):
    """Move the files of ``model.<field_name>`` from the public media storage to the private one,
    keeping their names (data migrations and ``manage.py move_private_media``). Idempotent: a file
    already in the private storage, or missing from both, is left as it is. Returns the count moved."""
    public = public or storages["default"]
    private = private or private_storage()
    moved = 0
    names = model._default_manager.exclude(**{field_name: ""}).values_list(field_name, flat=True).distinct()
    for name in names.iterator():
        if not name or private.exists(name) or not public.exists(name):
            continue
        with public.open(name, "rb") as handle:
            saved = private.save(name, handle)
        if saved != name:  # never happens for a fresh name; keep the row pointing at the right file
            model._default_manager.filter(**{field_name: name}).update(**{field_name: saved})
        public.delete(name)
        moved += 1
        if log:
            log(f"{model._meta.label}.{field_name}: {name}")
    return moved
