"""The marketplace's pricing and availability policy (Oscar's Strategy).

VND prices are tax-inclusive shelf prices with no tax breakdown. The OCOP gate lives
here: a product without a current certificate is unavailable (it cannot be added to a
basket, and a basket line holding it fails checkout). Stock is separate from the gate:
a certified product without stock is "hết hàng", not hidden.
"""
from oscar.apps.partner import strategy as oscar_strategy
from oscar.core.loading import get_class

NotCertified = get_class("partner.availability", "NotCertified")


class OcopCertifiedRequired(oscar_strategy.StockRequired):
    def availability_policy(self, product, stockrecord):
        if not product.is_on_sale():
            return NotCertified()
        return super().availability_policy(product, stockrecord)


class OcopStrategy(
    oscar_strategy.UseFirstStockRecord, OcopCertifiedRequired, oscar_strategy.NoTax, oscar_strategy.Structured
):
    pass


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return OcopStrategy(request)
