"""Factories for producers (shops app)."""
import io

import factory
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from shops.models import ProducerApplication, ProducerProfile
from tests.factories import PartnerFactory, UserFactory


class ProducerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProducerProfile

    partner = factory.SubFactory(PartnerFactory)
    slug = factory.Sequence(lambda n: f"nha-san-xuat-{n}")
    legal_kind = ProducerProfile.LegalKind.COOPERATIVE
    commune = "Côn Minh"
    district = "Na Rì"
    commune_code = 2173


def producer_user(partner, **kwargs):
    """A non-staff user working for `partner` with Oscar's partner dashboard access."""
    user = UserFactory(**kwargs)
    partner.users.add(user)
    user.user_permissions.add(Permission.objects.get(codename="dashboard_access", content_type__app_label="partner"))
    return user


class ProducerApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProducerApplication

    applicant = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"HTX Đăng Ký {n}")
    legal_kind = ProducerProfile.LegalKind.COOPERATIVE
    registration_number = factory.Sequence(lambda n: f"4700{n:06d}")
    representative = "Nguyễn Văn A"
    commune_code = 2173
    address = "Thôn Nà Làng"
    phone = "0912345678"
    contact_email = factory.LazyAttribute(lambda o: o.applicant.email)


def jpeg_upload(name="anh.jpg", size=(800, 600), colour="#1b6e3a"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def pdf_upload(name="giay-phep.pdf"):
    content = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    return SimpleUploadedFile(name, content, content_type="application/pdf")
