"""Who sees the staff entry of the dashboard menu (Oscar's `access_fn` signature)."""


def can_decide(user, *args, **kwargs):
    return bool(user.is_authenticated and (user.is_superuser or user.has_perm("complaints.decide_returnrequest")))
