"""QR codes for traceability stamps, drawn on the server as SVG (segno, pure Python)."""
import io

import segno
from django.urls import reverse


def trace_url(request, code):
    return request.build_absolute_uri(reverse("ocop:trace", kwargs={"code": code}))


def qr_svg(url, *, scale=4):
    """A standalone SVG document."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=scale, border=2, xmldecl=True, title=url)
    return buffer.getvalue()


def qr_svg_inline(url, *, scale=3):
    """An <svg> element to place in a page (the printable stamp sheet)."""
    return segno.make(url, error="m").svg_inline(scale=scale, border=2, title=url)
