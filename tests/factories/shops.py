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


def pdf_bytes(*, javascript=None, attachment=None, open_action=None, page_action=None):
    """A real one-page PDF (pypdf), optionally carrying the active content uploads must refuse:
    document JavaScript, an embedded file, an /OpenAction dictionary or a page's /AA action."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    if javascript:  # a document-level script in the /Names /JavaScript tree
        action = writer._add_object(DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject(javascript)}
        ))
        names = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("x"), action])})
        writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): names})
    if attachment:
        writer.add_attachment(*attachment)
    if open_action:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject(k): (NameObject(v) if v.startswith("/") else TextStringObject(v)) for k, v in open_action.items()}
        )
    if page_action:
        page[NameObject("/AA")] = DictionaryObject(
            {NameObject("/O"): DictionaryObject(
                {NameObject(k): (NameObject(v) if v.startswith("/") else TextStringObject(v)) for k, v in page_action.items()}
            )}
        )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_upload(name="giay-phep.pdf", content=None):
    return SimpleUploadedFile(name, content or pdf_bytes(), content_type="application/pdf")
