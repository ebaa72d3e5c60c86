"""Demo gift baskets: one culture theme per `culture_themes` entry of the data file, each with
its range of certified demo products (matched by words of the theme's basket idea), a curated
basket per theme, packaging options and the builder's template product. Idempotent."""
from decimal import ROUND_DOWN, Decimal

from oscar.core.loading import get_class, get_model

from gift_baskets.models import (
    BUILDER_UPC,
    GIFT_BASKET_CLASS_SLUG,
    CultureTheme,
    GiftBasket,
    GiftBasketComponent,
    PackagingOption,
)
from ocop.reference_data import ocop_facts

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")

COLOURS = {"long-tong": "#c0392b", "then": "#8e44ad", "ba-be": "#2471a3", "tet-tay": "#b03a2e", "tho-cam": "#1f3a93"}
# Words of each theme's range (matched in product titles, lower case).
RANGE_WORDS = {
    "long-tong": ["gạo", "nếp", "rượu", "bánh"],
    "then": ["trà", "mật ong", "rượu", "miến"],
    "ba-be": ["trà", "hồng", "cá", "măng", "bí"],
    "tet-tay": ["bánh", "lạp sườn", "thịt", "gạo", "nếp", "rượu", "miến"],
    "tho-cam": ["thổ cẩm", "vải", "chàm", "túi", "khăn", "trà", "mật ong"],
}
# The themes in English, translated from the data file's `theme` and `story_vi` (names of
# festivals, peoples, places and dishes stay Vietnamese).
THEMES_EN = {
    "long-tong": (
        "Lồng Tồng Ba Bể (the going-to-the-fields festival)",
        "The Lồng Tồng (going-to-the-fields) festival of Ba Bể takes place from the 9th to the 11th day of the "
        "first lunar month, the main day being the 10th, in Bó Lù village, Nam Mẫu commune; it has been a national "
        "intangible cultural heritage since 2014. The offering tray holds bánh chưng in pairs, eggs dyed in four "
        "colours, and red and yellow sticky rice; the festival has còn throwing and boat races.",
    ),
    "then": (
        "Then – the đàn tính lute",
        "The Then practices of the Tày, Nùng and Thái peoples were inscribed by UNESCO on the Representative List "
        "of the Intangible Cultural Heritage of Humanity in 2019; Bắc Kạn is one of the provinces that prepared "
        "the nomination file together.",
    ),
    "ba-be": (
        "Ba Bể Lake",
        "Ba Bể Lake is a freshwater lake among limestone mountains, about 500 ha in area; a national park since "
        "1992, an ASEAN Heritage Park in 2003 and a Ramsar site in 2011.",
    ),
    "tet-tay": (
        "Tết of the Tày people",
        "The Tết of the Tày people has long bánh chưng wrapped with khẩu nua lếch sticky rice, bánh khảo, bánh gio, "
        "bánh trời (pẻng phạ), lạp sườn sausage and thịt treo gác bếp (meat hung above the kitchen fire).",
    ),
    "tho-cam": (
        "Thổ cẩm brocade / vải chàm indigo cloth",
        "The indigo cloth and thổ cẩm brocade of the Tày people, and the linen weaving of the Sán Chỉ people in Pác Nặm.",
    ),
}
PACKAGING = [("hop-giay", "Hộp quà giấy kraft", 20000), ("vai-cham", "Khăn vải chàm Tày", 30000), ("tho-cam", "Gói vải thổ cẩm", 50000)]
CURATOR_CODE = "diem-ban-gio-qua-ba-be"


def _product_class():
    product_class, _created = ProductClass.objects.get_or_create(
        slug=GIFT_BASKET_CLASS_SLUG, defaults={"name": "Giỏ quà", "track_stock": False, "requires_shipping": True}
    )
    return product_class


def _curator():
    partner, _created = Partner.objects.get_or_create(code=CURATOR_CODE, defaults={"name": "Điểm bán giỏ quà Ba Bể"})
    return partner


def _basket_product(*, upc, title, description, price, partner):
    product, _created = Product.objects.get_or_create(
        upc=upc, defaults={"title": title, "description": description, "product_class": _product_class(), "is_public": True}
    )
    StockRecord.objects.get_or_create(
        product=product,
        partner=partner,
        defaults={"partner_sku": upc, "price": price, "price_currency": "VND", "num_in_stock": 0},
    )
    return product


def contents_description(products):
    """A curated basket's description promises only what it holds: its components, by name.
    (The data file's 'basket_idea' is a working note for the team, never shown.)"""
    names = ", ".join(product.title for product in products)
    return f"<p>Giỏ quà gồm {len(products)} sản phẩm OCOP của Bắc Kạn: {names}.</p>"


def load_gift_baskets(*, log):
    strategy = Selector().strategy()
    packagings = []
    for code, name, fee in PACKAGING:
        option, _created = PackagingOption.objects.get_or_create(code=code, defaults={"name": name, "fee": Decimal(fee)})
        packagings.append(option)
    curator = _curator()
    builder = _basket_product(upc=BUILDER_UPC, title="Giỏ quà tự chọn", description="", price=Decimal("0"), partner=curator)
    GiftBasket.objects.get_or_create(product=builder, defaults={"is_builder": True})
    on_sale = list(Product.objects.certified().filter(is_public=True).exclude(product_class__slug=GIFT_BASKET_CLASS_SLUG))
    curated = 0
    for entry in ocop_facts().get("culture_themes", []):
        theme, _created = CultureTheme.objects.get_or_create(
            code=entry["code"],
            defaults={"name": entry["theme"], "story": entry.get("story_vi", ""), "colour": COLOURS.get(entry["code"], "#1f6f50")},
        )
        name_en, story_en = THEMES_EN.get(entry["code"], ("", ""))
        if (name_en and not theme.name_en) or (story_en and not theme.story_en):
            theme.name_en = theme.name_en or name_en
            theme.story_en = theme.story_en or story_en
            theme.save()
        words = RANGE_WORDS.get(entry["code"], [])
        matching = [p for p in on_sale if any(word in p.title.lower() for word in words)]
        if not theme.products.exists():
            theme.products.add(*matching[:12])
        picks = [p for p in theme.products.all() if strategy.fetch_for_product(p).price.exists][:3]
        if len(picks) < 3:
            log(f"  theme {theme.code}: only {len(picks)} products on sale, no curated basket")
            continue
        parts = sum((strategy.fetch_for_product(p).price.incl_tax for p in picks), Decimal("0"))
        price = (parts * Decimal("0.9") / 1000).quantize(Decimal("1"), rounding=ROUND_DOWN) * 1000
        product = _basket_product(
            upc=f"GIO-QUA-{entry['code'].upper()}",
            title=f"Giỏ quà {entry['theme']}",
            description=contents_description(picks),
            price=price,
            partner=curator,
        )
        gift, created = GiftBasket.objects.get_or_create(product=product, defaults={"theme": theme})
        if created:
            for component in picks:
                GiftBasketComponent.objects.create(basket=gift, product=component, quantity=1)
            gift.packaging_options.add(*packagings)
        curated += 1
    log(f"  gift baskets: {CultureTheme.objects.count()} themes, {curated} curated baskets, builder at /gift-baskets/")
