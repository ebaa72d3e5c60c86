import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Forked (without changes) so Oscar's loader finds forked dashboard sub-apps such as
    `marketplace/dashboard/orders/` (get_class resolves 'dashboard.<sub>' via this app)."""

    name = "marketplace.dashboard"
