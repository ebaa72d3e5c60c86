"""iCalendar (RFC 5545) export of portal events, written out directly: a VCALENDAR of VEVENTs."""
import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags

PRODID = "-//Cho OCOP Bac Kan//Su kien OCOP//VI"


def _escape(text):
    return (
        str(text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        limit = 75 if not parts else 74
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _format(moment):
    return moment.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def event_lines(request, event, stamp):
    location = ", ".join(part for part in (event.place, event.address) if part)
    description = event.intro or strip_tags(event.body)
    url = request.build_absolute_uri(event.url)
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{request.get_host()}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_format(event.start)}",
        f"DTEND:{_format(event.end)}",
        f"SUMMARY:{_escape(event.title)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(description)}",
        f"URL:{url}",
    ]
    if event.has_location:
        lines.append(f"GEO:{event.latitude};{event.longitude}")
    lines.append("END:VEVENT")
    return lines


def calendar(request, events):
    stamp = _format(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for event in events:
        lines.extend(event_lines(request, event, stamp))
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def calendar_response(request, events, *, filename):
    response = HttpResponse(calendar(request, events), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
