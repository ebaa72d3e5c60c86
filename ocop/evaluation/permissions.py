"""Roles of the OCOP cycle as Django permissions (not is_staff). No model imports:
settings import this module for the dashboard menu."""

REVIEW_COMMUNE = "evaluation.review_commune"
REVIEW_PROVINCE = "evaluation.review_province"
SCORE = "evaluation.score_dossier"
DECIDE = "evaluation.decide_council"
PROPOSE_REVOCATION = "evaluation.propose_revocation"
DECIDE_REVOCATION = "evaluation.decide_revocation"
ROLE_PERMISSIONS = (REVIEW_COMMUNE, REVIEW_PROVINCE, SCORE, DECIDE, PROPOSE_REVOCATION, DECIDE_REVOCATION)


def _active(user):
    return bool(user and user.is_authenticated and user.is_active)


def has(user, permission):
    return _active(user) and user.has_perm(permission)


def is_cycle_staff(user):
    """Anyone with one of the roles sees the pipeline board."""
    return _active(user) and any(user.has_perm(permission) for permission in ROLE_PERMISSIONS)


def can_review_step(user, step):
    return step is not None and has(user, step.permission)


def can_score(user):
    return has(user, SCORE)


def can_decide(user):
    return has(user, DECIDE)


def dashboard_access_fn(user, url_name=None, url_args=None, url_kwargs=None):
    """`access_fn` for the OSCAR_DASHBOARD_NAVIGATION entry."""
    return is_cycle_staff(user)
