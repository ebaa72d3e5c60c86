"""Row locks of the shops app (every select_for_update of the app lives here, ordered by pk)."""
from shops.models import ProducerApplication


def lock_application(application):
    """The application re-read under a row lock, so two reviewers cannot both decide it."""
    return ProducerApplication.objects.select_for_update().select_related("applicant").get(pk=application.pk)
