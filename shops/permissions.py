"""Who sees the producer entries of the dashboard menu (Oscar's `access_fn` signature)."""


def is_producer(user, *args, **kwargs):
    return bool(
        user.is_authenticated
        and user.has_perm("partner.dashboard_access")
        and user.partners.filter(producer_profile__isnull=False).exists()
    )


def can_review_applications(user, *args, **kwargs):
    """Program staff reviewing applications: the permission, never is_staff alone (issue 17 §4)."""
    return bool(user.is_authenticated and user.has_perm("shops.review_producerapplication"))


def can_access_partner(user, partner):
    """A producer's back office (profile, products, team, returns): its own members with Oscar's
    partner dashboard access, or program staff holding ``partner.change_partner`` (support work).
    ``is_staff`` alone opens nothing here (issue 17 §4, ASVS V4.1.3)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.has_perm("partner.change_partner"):
        return True
    return user.has_perm("partner.dashboard_access") and partner.users.filter(pk=user.pk).exists()
