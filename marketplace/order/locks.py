"""Every row lock the order app takes, in primary-key order (no deadlocks)."""
from oscar.core.loading import get_model


def stockrecords_for_update(stockrecord_ids):
    StockRecord = get_model("partner", "StockRecord")
    # FOR NO KEY UPDATE: checkouts still queue on the row, but a basket line being added for the
    # same stock record (its foreign-key check takes FOR KEY SHARE) is not blocked; with FOR UPDATE
    # that wait closed a deadlock with Oscar's analytics counters under load (benchmarks/load.py).
    return list(
        StockRecord._default_manager.select_for_update(no_key=True).filter(pk__in=stockrecord_ids).order_by("pk")
    )


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
