"""Factories for the OCOP cycle (ocop.evaluation)."""
import factory
from django.contrib.auth.models import Permission
from oscar.core.loading import get_model

from ocop.evaluation.models import Cycle, Dossier, DossierDocument, DocumentKind, REQUIRED_DOCUMENTS
from tests.factories import PartnerFactory, StockRecordFactory, UserFactory

ProducerProfile = get_model("shops", "ProducerProfile")

from tests.factories.shops import pdf_bytes  # noqa: E402

PDF_BYTES = pdf_bytes()


def _png_bytes():
    """A real 2×2 PNG (uploads are decoded, not only sniffed)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "green").save(buffer, format="PNG")
    return buffer.getvalue()


PNG_BYTES = _png_bytes()


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle

    year = 2026
    name = factory.Sequence(lambda n: f"Đợt đánh giá OCOP 2026 – {n}")
    accepts_dossiers = True


class ProducerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProducerProfile

    partner = factory.SubFactory(PartnerFactory)
    slug = factory.Sequence(lambda n: f"htx-mau-eval-{n}")
    legal_kind = ProducerProfile.LegalKind.COOPERATIVE
    commune = "Nam Mẫu"
    district = "Ba Bể"


def producer_with_user(**kwargs):
    """A producer profile whose partner has one user; returns (user, producer)."""
    user = UserFactory()
    producer = ProducerProfileFactory(**kwargs)
    producer.partner.users.add(user)
    return user, producer


def producer_product(producer, **kwargs):
    return StockRecordFactory(partner=producer.partner, **kwargs).product


def user_with_perms(*codenames, **kwargs):
    user = UserFactory(**kwargs)
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="evaluation"))
    return user


def complete_dossier(*, producer, product=None, cycle=None, by=None, status=Dossier.Status.DRAFT):
    """A draft with every required document attached (files are tiny valid PDFs)."""
    from django.core.files.base import ContentFile

    dossier = Dossier.objects.create(
        cycle=cycle or CycleFactory(),
        producer=producer,
        product=product or producer_product(producer),
        group="thuc-pham",
        commune=producer.commune,
        district=producer.district,
        summary="Phương án sản xuất miến dong",
        raw_material_area="20 ha dong riềng, VietGAP",
        status=status,
        created_by=by,
    )
    for kind in REQUIRED_DOCUMENTS:
        document = DossierDocument(
            dossier=dossier, kind=kind, content_type="application/pdf", size=len(PDF_BYTES),
            original_name=f"{kind}.pdf",
        )
        document.file.save(f"{kind}.pdf", ContentFile(PDF_BYTES), save=False)
        document.save()
    return dossier


__all__ = ["CycleFactory", "ProducerProfileFactory", "DocumentKind"]
