"""Oscar's catalogue dashboard views, with every product/stock change recorded in the producer's
change log (who and when), as the producer back office requires. Access rules stay Oscar's:
non-staff users reach only products stocked by their own partners (PartnerProductFilterMixin)."""
from oscar.apps.dashboard.catalogue import views as oscar_views
from oscar.apps.dashboard.catalogue.views import *  # noqa: F401,F403

from marketplace.content_language import canonical_language
from ocop import claims
from shops.services import change_record


def _stock_snapshot(product):
    if product is None or product.pk is None:
        return {}
    return {
        record.pk: (record.partner_id, record.price, record.num_in_stock, record.partner_sku)
        for record in product.stockrecords.all()
    }


def _logged_partners(user, product):
    partners = {record.partner for record in product.stockrecords.select_related("partner")}
    if not user.is_staff:
        partners = {partner for partner in partners if partner.users.filter(pk=user.pk).exists()}
    return partners


class ProductCreateUpdateView(oscar_views.ProductCreateUpdateView):
    def forms_valid(self, form, formsets):
        before = _stock_snapshot(self.object) if not self.creating else {}
        response = super().forms_valid(form, formsets)
        claims.review_on_save(obj=self.object, field="description", by=self.request.user)  # health claims wait for staff
        after = _stock_snapshot(self.object)
        details = []
        for pk, (partner_id, price, stock, sku) in after.items():
            old = before.get(pk)
            if old is None:
                details.append(f"{sku}: giá {price}, tồn kho {stock}")
                continue
            if old[1] != price:
                details.append(f"{sku}: giá {old[1]} → {price}")
            if old[2] != stock:
                details.append(f"{sku}: tồn kho {old[2]} → {stock}")
        for pk in set(before) - set(after):
            details.append(f"{before[pk][3]}: xoá bản ghi kho")
        action = "product_created" if self.creating else "product_updated"
        for partner in _logged_partners(self.request.user, self.object):
            change_record(
                partner=partner, user=self.request.user, action=action,
                object_repr=self.object.get_title(), details="; ".join(details),
            )
        return response


class ProductDeleteView(oscar_views.ProductDeleteView):
    def delete(self, request, *args, **kwargs):
        product = self.get_object()
        partners = _logged_partners(request.user, product)
        title = product.get_title()
        response = super().delete(request, *args, **kwargs)
        for partner in partners:
            change_record(partner=partner, user=self.request.user, action="product_deleted", object_repr=title)
        return response


class ProductListView(oscar_views.ProductListView):
    def apply_search(self, queryset):
        # The title typed in the search box is matched against the Vietnamese title (always
        # present), on /en/dashboard/ too, where `title__icontains` would mean the English column.
        with canonical_language():
            return super().apply_search(queryset)


class ProductLookupView(oscar_views.ProductLookupView):
    def lookup_filter(self, qs, term):
        with canonical_language():  # as ProductListView.apply_search
            return super().lookup_filter(qs, term)
