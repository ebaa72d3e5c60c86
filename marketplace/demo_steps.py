from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

DEMO_ADMIN_EMAIL = "admin@ocopbackan.vn"
DEMO_ADMIN_PASSWORD = "ocop-demo-2026"


def ensure_vietnam():
    """Oscar's Country rows normally come from pycountry, which is not installed."""
    Country = get_model("address", "Country")
    country, _ = Country.objects.update_or_create(
        iso_3166_1_a2="VN",
        defaults={
            "iso_3166_1_a3": "VNM",
            "iso_3166_1_numeric": "704",
            "printable_name": "Việt Nam",
            "name": "Cộng hòa Xã hội Chủ nghĩa Việt Nam",
            "display_order": 1,
            "is_shipping_country": True,
        },
    )
    return country


def load_country_and_admin(*, log):
    ensure_vietnam()
    User = get_user_model()
    admin = User.objects.filter(email=DEMO_ADMIN_EMAIL).first()
    if admin is None:
        User.objects.create_superuser(
            username="admin", email=DEMO_ADMIN_EMAIL, password=DEMO_ADMIN_PASSWORD, first_name="Quản trị"
        )
        log(f"  created demo admin {DEMO_ADMIN_EMAIL}")
