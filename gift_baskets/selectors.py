"""Reads of the gift-basket app: composition, availability and price of baskets.

`gift_basket_availability` and `gift_purchase_info_for_line` are called from the
marketplace Strategy (marketplace/partner/strategy.py): the certificate gate and stock of
every component are read through the same Strategy, so there is one gate.
"""
import re
from dataclasses import dataclass
from decimal import Decimal as D

from django.db.models import Prefetch
from oscar.apps.partner import prices as oscar_prices
from oscar.apps.partner import strategy as oscar_strategy
from oscar.core.loading import get_class, get_model

from gift_baskets.availability import ComponentNotOnSale, ComponentStock, EmptyBasket
from gift_baskets.models import (
    CARD_OPTION_CODE,
    CONTENTS_OPTION_CODE,
    GIFT_BASKET_CLASS_SLUG,
    PACKAGING_OPTION_CODE,
    CultureTheme,
    GiftBasket,
    PackagingOption,
)

Available = get_class("partner.availability", "Available")
Product = get_model("catalogue", "Product")


@dataclass
class ComponentView:
    product: object
    quantity: int
    info: object  # the Strategy's PurchaseInfo of the component

    @property
    def on_sale(self):
        # The component's own availability from the Strategy: the one OCOP gate.
        return not getattr(self.info.availability, "gate_closed", False)

    @property
    def unit_price(self):
        return self.info.price.incl_tax if self.info.price.exists else None

    @property
    def line_price(self):
        return None if self.unit_price is None else self.unit_price * self.quantity

    @property
    def producer(self):
        return self.info.stockrecord.partner if self.info.stockrecord else None

    @property
    def stars(self):
        certificate = self.product.current_certificate()
        return certificate.stars if certificate else None


def default_strategy():
    return get_class("partner.strategy", "Selector")().strategy()


def is_gift_basket(product):
    product_class = product.get_product_class()
    return product_class is not None and product_class.slug == GIFT_BASKET_CLASS_SLUG


def gift_basket_of(product):
    if not is_gift_basket(product):
        return None
    try:
        return product.gift_basket
    except GiftBasket.DoesNotExist:
        return None


CONTENT_ITEM = re.compile(r"×(\d+) \(#(\d+)\)$")


def parse_contents(value):
    """["Gạo nếp ×1 (#12)", "Trà ×2 (#15)"] -> [(12, 1), (15, 2)]; None when malformed.

    Each item is readable on the basket line (Oscar shows option values in the line's
    description) and ends with the quantity and the product id that price and allocation use.
    """
    if not isinstance(value, list):
        return None
    pairs = []
    for item in value:
        match = CONTENT_ITEM.search(str(item))
        if match is None or int(match.group(1)) <= 0:
            return None
        pairs.append((int(match.group(2)), int(match.group(1))))
    return pairs


def format_contents(products_and_quantities):
    return [f"{product.get_title()} ×{quantity} (#{product.pk})" for product, quantity in products_and_quantities]


def _products_by_id(ids):
    queryset = Product.objects.filter(pk__in=ids).prefetch_related("ocop_certificates", "stockrecords__partner")
    return {product.pk: product for product in queryset}


def component_views(strategy, pairs):
    """[(product_id, quantity)] -> [ComponentView], missing products dropped."""
    products = _products_by_id([product_id for product_id, _ in pairs])
    return [
        ComponentView(product=products[pid], quantity=qty, info=strategy.fetch_for_product(products[pid]))
        for pid, qty in pairs
        if pid in products
    ]


def curated_pairs(gift_basket):
    return [(c.product_id, c.quantity) for c in gift_basket.components.all()]


def availability_from_components(components):
    """The basket is off sale unless every component is; its stock is min(stock // quantity)."""
    if not components:
        return EmptyBasket()
    off_sale = [c.product.get_title() for c in components if not c.on_sale]
    if off_sale:
        return ComponentNotOnSale(off_sale)
    counts = []
    for component in components:
        availability = component.info.availability
        num_available = getattr(availability, "num_available", None)
        if num_available is None:
            num_available = 0 if not availability.is_available_to_buy else None
        if num_available is not None:
            counts.append(max(num_available, 0) // component.quantity)
    return ComponentStock(min(counts) if counts else 0)


def sum_of_parts(components):
    prices = [c.line_price for c in components]
    if not prices or any(price is None for price in prices):
        return None
    return sum(prices, D("0"))


def gift_basket_availability(strategy, product):
    """Availability of a basket product for the Strategy; None when `product` is not a basket."""
    gift_basket = gift_basket_of(product)
    if gift_basket is None:
        return None
    if gift_basket.is_builder:
        # The builder's own product is a template: each line's contents decide (fetch_for_line).
        return Available()
    return availability_from_components(component_views(strategy, curated_pairs(gift_basket)))


def line_options(line):
    return {attribute.option.code: attribute.value for attribute in line.attributes.all()}


def packaging_fee(code):
    if not code:
        return D("0")
    option = PackagingOption.objects.filter(code=code).first()
    return option.fee if option else D("0")


def gift_purchase_info_for_line(strategy, line, info):
    """The price and availability of a basket line, or None when the line is not a gift basket.

    A built basket's price is the sum of its components plus the packaging fee; a curated
    basket charges its own price plus the packaging fee. Never written to the line.
    """
    gift_basket = gift_basket_of(line.product)
    if gift_basket is None or not line.pk:
        return None
    options = line_options(line)
    fee = packaging_fee(options.get(PACKAGING_OPTION_CODE))
    if gift_basket.is_builder:
        pairs = parse_contents(options.get(CONTENTS_OPTION_CODE))
        components = component_views(strategy, pairs or [])
        if not pairs or len(components) != len(pairs):
            availability, total = EmptyBasket(), D("0")
        else:
            availability = availability_from_components(components)
            total = sum_of_parts(components) or D("0")
    else:
        availability = info.availability
        if not fee:
            return None
        total = info.price.excl_tax if info.price.exists else D("0")
    price = oscar_prices.FixedPrice(currency=info.price.currency or "VND", excl_tax=total + fee, tax=D("0.00"))
    return oscar_strategy.PurchaseInfo(price=price, availability=availability, stockrecord=info.stockrecord)


def line_components(strategy, line):
    """(product_id, quantity per basket) of an order or basket line holding a gift basket."""
    gift_basket = gift_basket_of(line.product)
    if gift_basket is None:
        return None
    if gift_basket.is_builder:
        return parse_contents(_attribute_values(line).get(CONTENTS_OPTION_CODE)) or []
    return curated_pairs(gift_basket)


def _attribute_values(line):
    """Option code -> value for a basket line (attribute.option) or an order line (attribute.type)."""
    values = {}
    for attribute in line.attributes.all():
        code = getattr(attribute, "type", None) or (attribute.option.code if attribute.option_id else None)
        values[code] = attribute.value
    return values


def card_message(line):
    return _attribute_values(line).get(CARD_OPTION_CODE, "")


def themes():
    return CultureTheme.objects.order_by("name")


def curated_baskets(theme=None):
    queryset = (
        GiftBasket.objects.filter(is_builder=False, product__is_public=True)
        .select_related("product", "theme")
        .prefetch_related(Prefetch("components", queryset=GiftBasket.components.rel.related_model.objects.select_related("product")))
    )
    if theme is not None:
        queryset = queryset.filter(theme=theme)
    return queryset.order_by("theme__name", "product__title")


def builder_product():
    gift_basket = GiftBasket.objects.filter(is_builder=True).select_related("product").first()
    return gift_basket.product if gift_basket else None


def theme_products(theme):
    """The theme's range as shoppers may pick it: only products on sale."""
    return theme.products.certified().filter(is_public=True).order_by("title").prefetch_related(
        "ocop_certificates", "stockrecords__partner", "images"
    )


# --- ordered baskets: what the shopper sees and what each component's producer supplies ---------


@dataclass
class OrderedComponent:
    product: object
    title: str
    quantity: int  # units of this component in the whole order line (per basket × line quantity)
    per_basket: int
    stars: object
    producer: object


@dataclass
class OrderedGiftBasket:
    line: object
    theme: object
    packaging: object  # PackagingOption, or None for the plain paper box
    packaging_code: str
    card_message: str
    components: list


def _stars_when_ordered(product, order):
    from django.utils import timezone

    placed = timezone.localtime(order.date_placed).date() if order.date_placed else None
    certificate = product.current_certificate(on=placed) if placed else product.current_certificate()
    return certificate.stars if certificate else None


def _packaging_by_code(codes):
    codes = {code for code in codes if code}
    return {option.code: option for option in PackagingOption.objects.filter(code__in=codes)} if codes else {}


def order_gift_baskets(order):
    """The gift-basket lines of a placed order with their components, packaging and card message.

    Components come from the supply lines recorded when the order was placed (the producer
    who supplies each one); a line placed before supply lines existed falls back to its options.
    """
    from gift_baskets.models import THEME_OPTION_CODE, SupplyLine

    lines = [
        line
        for line in order.lines.select_related("product__product_class", "product__parent__product_class").prefetch_related(
            "attributes"
        )
        if line.product_id and gift_basket_of(line.product) is not None
    ]
    if not lines:
        return []
    supply = {}
    for row in SupplyLine.objects.filter(order_line__in=lines).select_related("partner", "product").prefetch_related(
        "product__ocop_certificates"
    ):
        supply.setdefault(row.order_line_id, []).append(row)
    values = {line.pk: _attribute_values(line) for line in lines}
    packagings = _packaging_by_code(v.get(PACKAGING_OPTION_CODE) for v in values.values())
    theme_codes = {v.get(THEME_OPTION_CODE) for v in values.values()} - {None, ""}
    themes_by_code = {t.code: t for t in CultureTheme.objects.filter(code__in=theme_codes)} if theme_codes else {}
    result = []
    for line in lines:
        options = values[line.pk]
        rows = supply.get(line.pk)
        if rows:
            components = [
                OrderedComponent(
                    product=row.product,
                    title=row.product.get_title(),
                    quantity=row.quantity,
                    per_basket=row.quantity // line.quantity if line.quantity else row.quantity,
                    stars=_stars_when_ordered(row.product, order),
                    producer=row.partner,
                )
                for row in rows
            ]
        else:
            strategy = oscar_strategy.Default()
            pairs = line_components(strategy, line) or []
            products = _products_by_id([pid for pid, _qty in pairs])
            components = []
            for pid, qty in pairs:
                product = products.get(pid)
                if product is None:
                    continue
                record = next(iter(product.stockrecords.all()), None)
                components.append(
                    OrderedComponent(
                        product=product,
                        title=product.get_title(),
                        quantity=qty * line.quantity,
                        per_basket=qty,
                        stars=_stars_when_ordered(product, order),
                        producer=record.partner if record else None,
                    )
                )
        gift_basket = gift_basket_of(line.product)
        code = options.get(PACKAGING_OPTION_CODE) or ""
        result.append(
            OrderedGiftBasket(
                line=line,
                theme=themes_by_code.get(options.get(THEME_OPTION_CODE)) or gift_basket.theme,
                packaging=packagings.get(code),
                packaging_code=code,
                card_message=options.get(CARD_OPTION_CODE) or "",
                components=components,
            )
        )
    return result


def supply_lines_for_partner(partner):
    """The gift-basket supply lines a producer must deliver: only its own components, newest order first.

    Each row carries `parcel_status`: the status of the parcel the basket travels in (the
    basket seller's parcel of that order).
    """
    from django.db.models import OuterRef, Subquery

    from gift_baskets.models import SupplyLine

    Parcel = get_model("order", "Parcel")
    parcel_status = Parcel.objects.filter(
        order=OuterRef("order_line__order"), partner=OuterRef("order_line__partner")
    ).values("status")[:1]
    return (
        SupplyLine.objects.filter(partner=partner)
        .select_related("order_line__order", "order_line__product", "product")
        .prefetch_related("order_line__attributes")
        .annotate(parcel_status=Subquery(parcel_status))
        .order_by("-order_line__order__date_placed", "-pk")
    )


def supply_rows(supply_lines):
    """Supply lines of one page -> dicts for the producer's table (packaging and status readable)."""
    Parcel = get_model("order", "Parcel")
    supply_lines = list(supply_lines)
    codes = {row.pk: _attribute_values(row.order_line).get(PACKAGING_OPTION_CODE) or "" for row in supply_lines}
    packagings = _packaging_by_code(codes.values())
    rows = []
    for row in supply_lines:
        status = row.parcel_status
        rows.append(
            {
                "supply": row,
                "order": row.order_line.order,
                "basket_title": row.order_line.title,
                "packaging": packagings.get(codes[row.pk]),
                "status": Parcel.Status(status).label if status in Parcel.Status.values else (row.order_line.order.status or ""),
            }
        )
    return rows
