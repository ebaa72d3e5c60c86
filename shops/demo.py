"""Demo step for producers: enrich the profiles catalogue.demo creates, and a demo producer login.

Facts only from the catalogue's sources (names, places, products and stars); the story is
composed from those facts; logos are generated initials; map positions are district centres
(approximate, labelled). Idempotent.
"""
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from oscar.core.loading import get_model

from shops import geo
from shops.models import ProducerProfile
from shops.services import grant_producer_access

DEMO_PRODUCER_EMAIL = "nhasanxuat@ocopbackan.vn"
DEMO_PRODUCER_PASSWORD = "ocop-demo-2026"
DEMO_PRODUCER_SLUG = "htx-tai-hoan"

OcopCertificate = get_model("catalogue", "OcopCertificate")


def logo_picture(name):
    """A round-looking square logo with the producer's initials (generated, no downloads)."""
    from PIL import Image, ImageDraw, ImageFont

    words = [w for w in name.replace("HTX", "").split() if w[:1].isalpha()]
    initials = "".join(w[0] for w in words[-2:]).upper() or "OC"
    image = Image.new("RGB", (256, 256), "#1b6e3a")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 96)
    except OSError:
        font = ImageFont.load_default(size=96)
    draw.ellipse((16, 16, 240, 240), outline="#f2c14e", width=8)
    width = draw.textlength(initials, font=font)
    draw.text(((256 - width) / 2, 70), initials, font=font, fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def demo_story(profile):
    products = []
    for record in profile.partner.stockrecords.select_related("product"):
        certificate = record.product.current_certificate()
        stars = f" ({certificate.stars}★)" if certificate else ""
        products.append(f"{record.product.get_title()}{stars}")
    place = profile.place_label()
    kind = profile.get_legal_kind_display().lower() if profile.legal_kind_is_stated() else "chủ thể OCOP"
    lines = [f"<p>{profile.name} là {kind}" + (f" ở {place}" if place else " của Bắc Kạn (cũ)") + ".</p>"]
    if products:
        lines.append("<p>Sản phẩm OCOP: " + ", ".join(products) + ".</p>")
    return "".join(lines)


def load_producers(*, log):
    enriched = 0
    for profile in ProducerProfile.objects.select_related("partner"):
        changed = False
        if profile.commune_code is None and profile.commune:
            code = geo.find_commune_code(profile.district, profile.commune)
            if code:
                profile.commune_code = code
                changed = True
        if not profile.story:
            profile.story = demo_story(profile)
            changed = True
        if not profile.logo:
            profile.logo.save(f"{profile.slug[:60]}.png", ContentFile(logo_picture(profile.name)), save=False)
            changed = True
        if changed:
            profile.save()
            enriched += 1
    user = _demo_producer_user()
    if user is not None:
        log(f"  demo producer login {DEMO_PRODUCER_EMAIL} / {DEMO_PRODUCER_PASSWORD}")
    log(f"  producers: {enriched} profiles enriched, {ProducerProfile.objects.count()} in total")


def _demo_producer_user():
    profile = ProducerProfile.objects.filter(slug=DEMO_PRODUCER_SLUG).select_related("partner").first()
    if profile is None:
        return None
    User = get_user_model()
    user = User.objects.filter(email=DEMO_PRODUCER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            username="nhasanxuat", email=DEMO_PRODUCER_EMAIL, password=DEMO_PRODUCER_PASSWORD,
            first_name="Nhà sản xuất (mẫu)",
        )
    if not profile.partner.users.filter(pk=user.pk).exists():
        grant_producer_access(user=user, partner=profile.partner)
    return user
