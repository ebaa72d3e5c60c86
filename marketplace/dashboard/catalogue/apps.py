import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Oscar's catalogue dashboard; the product views also record who changed what (shops log).

    Oscar's loader resolves 'dashboard.catalogue.views' through the root `dashboard` app, which
    stays Oscar's, so the forked views are set here explicitly."""

    name = "marketplace.dashboard.catalogue"

    def ready(self):
        super().ready()
        from marketplace.dashboard.catalogue import views

        self.product_createupdate_view = views.ProductCreateUpdateView
        self.product_delete_view = views.ProductDeleteView
