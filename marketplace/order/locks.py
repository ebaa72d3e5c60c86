"""Every row lock the order app takes, in primary-key order (no deadlocks); stock records are locked by `marketplace.stock.lock`."""
from oscar.core.loading import get_model


def parcel_for_update(parcel_id):
    Parcel = get_model("order", "Parcel")
    return Parcel._default_manager.select_for_update().select_related("order", "partner").get(pk=parcel_id)


def service_voucher_for_update(code):
    ServiceVoucher = get_model("order", "ServiceVoucher")
    return (
        ServiceVoucher._default_manager.select_for_update(of=("self",))
        .select_related("line__order", "line__partner")
        .get(code=code)
    )
