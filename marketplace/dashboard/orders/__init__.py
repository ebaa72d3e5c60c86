default_app_config = 'marketplace.dashboard.dashboard.orders.apps.OrdersDashboardConfig'
