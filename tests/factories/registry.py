"""Factories for the province's OCOP registry (ocop.RegistryEntry)."""
import datetime

import factory

from tests.factories import OcopCertificateFactory


class RegistryEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ocop.RegistryEntry"

    code = factory.Sequence(lambda n: f"T-{n:05d}")
    name = factory.Sequence(lambda n: f"Trà hoa vàng số {n}")
    producer_name = "HTX Tài Hoan"
    producer_kind = "cooperative"
    group = "thuc-pham"
    district = "Huyện Na Rì"
    source = "Nguồn thử"


def registry_entry(*, stars=3, decision_date=None, number=None, product=None, **kwargs):
    """An entry with one decision (current unless the date says otherwise)."""
    entry = RegistryEntryFactory(product=product, **kwargs)
    OcopCertificateFactory(
        product=product,
        entry=entry,
        stars=stars,
        decision_number=number or f"{entry.pk}/QĐ-UBND",
        decision_date=decision_date or datetime.date.today() - datetime.timedelta(days=100),
        issuing_authority="ministry" if stars == 5 else "province",
    )
    return entry
