"""Who sees the producer entries of the dashboard menu (Oscar's `access_fn` signature)."""


def is_producer(user, *args, **kwargs):
    return bool(
        user.is_authenticated
        and user.has_perm("partner.dashboard_access")
        and user.partners.filter(producer_profile__isnull=False).exists()
    )


def can_review_applications(user, *args, **kwargs):
    return bool(user.is_authenticated and (user.is_staff or user.has_perm("shops.review_producerapplication")))
