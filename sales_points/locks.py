"""Every row lock of the sales_points app, in one place (ordered by primary key)."""
from sales_points.models import PickupReservation, SalesPoint, SalesPointListing


def lock_point(pk):
    return SalesPoint.objects.select_for_update().get(pk=pk)


def lock_listings(point, product_ids):
    return {
        listing.product_id: listing
        for listing in SalesPointListing.objects.select_for_update()
        .filter(point=point, product_id__in=product_ids)
        .order_by("pk")
    }


def lock_reservation(pk):
    return PickupReservation.objects.select_for_update(of=("self",)).select_related("point", "parcel").get(pk=pk)


def lock_reservation_by_code(code):
    return PickupReservation.objects.select_for_update(of=("self",)).select_related("point", "parcel").get(code=code)
