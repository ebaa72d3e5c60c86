"""The marketplace's pricing and availability policy (Oscar's Strategy).

VND prices are tax-inclusive shelf prices with no tax breakdown; a product is
purchasable only with stock (StockRequired).
"""
from oscar.apps.partner import strategy as oscar_strategy


class OcopStrategy(oscar_strategy.UseFirstStockRecord, oscar_strategy.StockRequired, oscar_strategy.NoTax, oscar_strategy.Structured):
    pass


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return OcopStrategy(request)
