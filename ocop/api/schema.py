def only_open_data(endpoints, **kwargs):
    """The schema documents /api/v1/ only (Wagtail's own DRF views are not part of it)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
