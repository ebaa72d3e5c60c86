"""Who may do what with sales points. No model imports: settings import this module."""

APPRAISE_PERMISSION = "sales_points.appraise_salespoint"


def can_appraise(user):
    """Program staff of the Sở Công Thương: a dashboard permission, not is_staff."""
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(APPRAISE_PERMISSION))


def dashboard_access_fn(user, url_name=None, url_args=None, url_kwargs=None):
    """`access_fn` for the OSCAR_DASHBOARD_NAVIGATION entry."""
    return can_appraise(user)


def can_manage_point(user, point):
    """A point's own staff (its managers) edit its application and its stock; nobody else does."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return point.managers.filter(pk=user.pk).exists()
