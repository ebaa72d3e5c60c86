"""On-site notifications (Oscar's communication.Notification), created in one place.

Oscar prints a notification's subject and body with ``|safe``; what we put in them comes from
users (product titles, reasons typed by reviewers, idea titles), so this is where it is escaped
(issue 17 §4, ASVS V5.3.3). Line breaks of the text are kept as <br>.
"""
from django.utils.html import escape, linebreaks
from oscar.core.loading import get_model

SUBJECT_MAX = 255


def _escaped_subject(subject):
    text = str(subject)
    escaped = escape(text)
    while len(escaped) > SUBJECT_MAX:  # never cut an entity in half: shorten the text, then escape
        text = text[: len(text) - (len(escaped) - SUBJECT_MAX) - 1]
        escaped = escape(text)
    return escaped


def notification_create(*, recipient, subject, body=""):
    """One notification for ``recipient``: plain text in, HTML-safe text stored."""
    Notification = get_model("communication", "Notification")
    return Notification.objects.create(
        recipient=recipient, subject=_escaped_subject(subject), body=linebreaks(escape(str(body))) if body else ""
    )
