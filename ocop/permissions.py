"""Who may use the OCOP pages of the dashboard (importable from settings: no model imports)."""

CERTIFY = "catalogue.certify_products"


def can_certify(user, url_name=None, url_args=None, url_kwargs=None):
    """Certification officers (a permission, not superuser status)."""
    return bool(user and user.is_active and user.has_perm(CERTIFY))


def can_register_batches(user, url_name=None, url_args=None, url_kwargs=None):
    """Certification officers and producers' users (members of an Oscar partner)."""
    if not (user and user.is_active and user.is_authenticated):
        return False
    return can_certify(user) or user.partners.exists()
