"""Demo data for checkout: a shipping rate per producer and two demo producer logins
(labelled demo; same password as the demo admin) to try the scoped order dashboard."""
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from oscar.core.loading import get_model

from marketplace.demo_steps import DEMO_ADMIN_PASSWORD

DEMO_PRODUCER_LOGINS = {
    "htx-ruou-men-la-bang-phuc": "bangphuc@demo.ocopbackan.vn",
    "htx-tai-hoan": "taihoan@demo.ocopbackan.vn",
}


def load_checkout_demo(*, log):
    Partner = get_model("partner", "Partner")
    ProducerShippingRate = get_model("shipping", "ProducerShippingRate")
    created = 0
    for partner in Partner.objects.all():
        # Invented demo rates: 30.000 đ a parcel, free from 500.000 đ.
        _rate, was_created = ProducerShippingRate.objects.get_or_create(
            partner=partner, defaults={"flat_fee": Decimal("30000"), "free_threshold": Decimal("500000")}
        )
        created += was_created
    log(f"  shipping rates: {created} created")
    User = get_user_model()
    access = Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    for code, email in DEMO_PRODUCER_LOGINS.items():
        partner = Partner.objects.filter(code=code).first()
        if partner is None:
            continue
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                username=email.split("@")[0], email=email, password=DEMO_ADMIN_PASSWORD, first_name=partner.name[:150]
            )
            log(f"  demo producer login {email} for {partner.name}")
        user.user_permissions.add(access)
        partner.users.add(user)
