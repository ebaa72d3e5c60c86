"""What the open data API publishes: public fields only (no e-mail, no person's phone, no shopper
address, no user id). Every serializer lists its fields explicitly."""
from rest_framework import serializers

from ocop import rules as ocop_rules


class CertificateSerializer(serializers.Serializer):
    decision_number = serializers.CharField()
    decision_date = serializers.DateField()
    stars = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    issuing_authority = serializers.SerializerMethodField()
    valid_until = serializers.DateField()
    status = serializers.SerializerMethodField()
    revoked_on = serializers.SerializerMethodField()
    revocation_reason = serializers.CharField()
    is_demo = serializers.BooleanField()
    registry_code = serializers.SerializerMethodField()
    product_id = serializers.IntegerField(allow_null=True)

    def get_issuing_authority(self, obj) -> str:
        return str(obj.authority_label())

    def get_status(self, obj) -> str:
        if obj.is_revoked:
            return "revoked"
        return "expired" if obj.is_expired() else "valid"

    def get_revoked_on(self, obj) -> str | None:
        return obj.revoked_at.date().isoformat() if obj.revoked_at else None

    def get_registry_code(self, obj) -> str | None:
        return obj.entry.code if obj.entry_id else None


class RegistryEntrySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    producer_name = serializers.CharField()
    producer_kind = serializers.CharField()
    commune_code = serializers.IntegerField(allow_null=True)
    commune = serializers.SerializerMethodField()
    district = serializers.CharField()
    current_unit = serializers.SerializerMethodField()
    group = serializers.CharField()
    subgroup = serializers.CharField()
    stars = serializers.IntegerField(source="stars_value", allow_null=True)
    score = serializers.DecimalField(source="cert_score", max_digits=5, decimal_places=2, allow_null=True)
    decision_number = serializers.CharField(source="cert_number", allow_null=True)
    decision_date = serializers.DateField(source="cert_date", allow_null=True)
    issuing_authority = serializers.SerializerMethodField()
    valid_until = serializers.DateField(source="cert_valid_until", allow_null=True)
    status = serializers.CharField()
    revocation_reason = serializers.CharField(source="cert_revocation_reason", allow_null=True)
    raw_material_area = serializers.CharField()
    standards = serializers.ListField(child=serializers.CharField())
    source = serializers.CharField()
    is_demo = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    shop_url = serializers.SerializerMethodField()

    def get_commune(self, obj) -> str | None:
        unit = obj.unit()
        return unit["label"] if unit else None

    def get_current_unit(self, obj) -> str:
        return str(obj.current_place_label())

    def get_issuing_authority(self, obj) -> str:
        return str(obj.authority_label())

    def get_is_demo(self, obj) -> bool:
        return bool(obj.is_demo or obj.cert_is_demo)

    def _absolute(self, path):
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_url(self, obj) -> str:
        return self._absolute(obj.get_absolute_url())

    def get_shop_url(self, obj) -> str | None:
        on_sale = self.context.get("on_sale", set())
        return self._absolute(obj.product.get_absolute_url()) if obj.product_id in on_sale else None


class RegistryEntryDetailSerializer(RegistryEntrySerializer):
    certificates = serializers.SerializerMethodField()

    def get_certificates(self, obj) -> list[dict]:
        return CertificateSerializer(self.context.get("history", []), many=True).data


class ProductSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    stars = serializers.SerializerMethodField()
    decision_number = serializers.SerializerMethodField()
    valid_until = serializers.SerializerMethodField()
    group = serializers.SerializerMethodField()
    producer = serializers.SerializerMethodField()
    price_vnd = serializers.SerializerMethodField()
    in_stock = serializers.SerializerMethodField()
    registry_code = serializers.SerializerMethodField()

    def _certificate(self, obj):
        if not hasattr(obj, "_api_certificate"):
            obj._api_certificate = obj.current_certificate()
        return obj._api_certificate

    def _record(self, obj):
        records = sorted(obj.stockrecords.all(), key=lambda record: record.pk)
        return records[0] if records else None

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(obj.get_absolute_url()) if request else obj.get_absolute_url()

    def get_stars(self, obj) -> int | None:
        certificate = self._certificate(obj)
        return certificate.stars if certificate else None

    def get_decision_number(self, obj) -> str | None:
        certificate = self._certificate(obj)
        return certificate.decision_number if certificate else None

    def get_valid_until(self, obj) -> str | None:
        certificate = self._certificate(obj)
        return certificate.valid_until.isoformat() if certificate else None

    def get_group(self, obj) -> str | None:
        categories = [c for c in obj.categories.all() if c.depth == 1] or list(obj.categories.all())
        return categories[0].name if categories else None

    def get_producer(self, obj) -> dict | None:
        record = self._record(obj)
        if record is None:
            return None
        profile = getattr(record.partner, "producer_profile", None)
        return {"name": record.partner.name, "slug": profile.slug if profile else None}

    def get_price_vnd(self, obj) -> int | None:
        record = self._record(obj)
        return int(record.price) if record and record.price is not None else None

    def get_in_stock(self, obj) -> bool:
        record = self._record(obj)
        return bool(record and (record.num_in_stock or 0) > (record.num_allocated or 0))

    def get_registry_code(self, obj) -> str | None:
        entry = getattr(obj, "registry_entry", None)
        return entry.code if entry else None


class ProducerSerializer(serializers.Serializer):
    """A producer's public identity: business name, legal kind, registration number, place. Never
    its contact e-mail, phone, representative's name or street address."""

    slug = serializers.CharField()
    name = serializers.CharField(source="partner.name")
    legal_kind = serializers.CharField()
    registration_number = serializers.CharField()
    commune = serializers.CharField()
    district = serializers.CharField()
    commune_code = serializers.IntegerField(allow_null=True)
    founded_year = serializers.IntegerField(allow_null=True)
    standards = serializers.ListField(child=serializers.CharField())
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        from django.urls import reverse

        path = reverse("shops:detail", kwargs={"slug": obj.slug})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class SalesPointSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    operator_name = serializers.CharField()
    site_kind = serializers.CharField()
    commune_code = serializers.IntegerField(allow_null=True)
    place = serializers.SerializerMethodField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    decision_number = serializers.CharField()
    decision_date = serializers.DateField(allow_null=True)
    is_demo = serializers.BooleanField()

    def get_place(self, obj) -> str:
        return str(obj.place_label())


class LiveSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    scheduled_start = serializers.DateTimeField()
    status = serializers.CharField()
    producer = serializers.CharField(source="partner.name")
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class CultureThemeSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    story = serializers.CharField()


GROUP_CODES = [code for code, _label in ocop_rules.group_choices()]
