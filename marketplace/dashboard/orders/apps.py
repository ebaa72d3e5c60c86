import oscar.apps.dashboard.orders.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    name = "marketplace.dashboard.orders"

    def ready(self):
        super().ready()
        self.parcel_status_view = get_class("dashboard.orders.views", "ParcelStatusView")
        self.transfer_confirm_view = get_class("dashboard.orders.views", "TransferConfirmView")
        self.voucher_redeem_view = get_class("dashboard.orders.views", "ServiceVoucherRedeemView")
        self.settlement_view = get_class("dashboard.orders.views", "SettlementView")

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        partner_or_staff = (DashboardPermission.get("order", "view_order"), DashboardPermission.partner_dashboard_access)
        self.permissions_map["order-parcel-status"] = partner_or_staff
        self.permissions_map["order-transfer-confirm"] = partner_or_staff
        self.permissions_map["order-voucher-redeem"] = partner_or_staff
        self.permissions_map["order-settlement"] = partner_or_staff

    def get_urls(self):
        urls = super().get_urls()
        extra = [
            path("vouchers/redeem/", self.voucher_redeem_view.as_view(), name="order-voucher-redeem"),
            path("settlement/report/", self.settlement_view.as_view(), name="order-settlement"),
            path("<str:number>/parcels/<int:parcel_id>/status/", self.parcel_status_view.as_view(), name="order-parcel-status"),
            path("<str:number>/transfer/confirm/", self.transfer_confirm_view.as_view(), name="order-transfer-confirm"),
        ]
        # Before Oscar's catch-all "<number>/" patterns would not matter (distinct paths); append.
        return urls + self.post_process_urls(extra)
