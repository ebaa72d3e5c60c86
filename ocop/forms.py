"""Dashboard forms of the OCOP programme (labels and messages in Vietnamese)."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from ocop import rules as ocop_rules, selectors
from ocop.scans import MAX_SCAN_BYTES, scan_extension

Product = get_model("catalogue", "Product")
OcopCertificate = get_model("catalogue", "OcopCertificate")
Inspection = get_model("catalogue", "Inspection")
ProgrammeTarget = get_model("catalogue", "ProgrammeTarget")
RawMaterialArea = get_model("catalogue", "RawMaterialArea")
ProductionBatch = get_model("catalogue", "ProductionBatch")

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text or _("dd/mm/yyyy"),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": _("Nhập ngày theo dạng dd/mm/yyyy.")},
    )


class CertificateFieldsForm(forms.Form):
    stars = forms.TypedChoiceField(label=_("Số sao"), choices=ocop_rules.STAR_CHOICES, coerce=int)
    score = forms.DecimalField(
        label=_("Điểm (0–100)"), required=False, min_value=0, max_value=100, decimal_places=2, max_digits=5
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64, help_text=_("Ví dụ: 2616/QĐ-UBND"))
    decision_date = date_field(_("Ngày quyết định"))
    issuing_authority = forms.ChoiceField(
        label=_("Cấp công nhận"),
        required=False,
        choices=[("", _("Theo số sao (3–4★: UBND tỉnh, 5★: Bộ)"))] + list(OcopCertificate.Authority.choices),
    )
    valid_until = date_field(_("Hiệu lực đến"), required=False, help_text=_("Để trống: ngày quyết định + 36 tháng"))
    scan = forms.FileField(
        label=_("Bản quét quyết định (PDF, JPEG, PNG, WebP)"),
        required=False,
        help_text=_("Tối đa %(mb)s MB") % {"mb": MAX_SCAN_BYTES // 1024 // 1024},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )
    is_demo = forms.BooleanField(label=_("Dữ liệu mẫu (không phải quyết định thật)"), required=False)

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan:
            scan_extension(scan)
        return scan

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "stars": data["stars"],
            "score": data.get("score"),
            "decision_number": data["decision_number"],
            "decision_date": data["decision_date"],
            "issuing_authority": data.get("issuing_authority") or None,
            "valid_until": data.get("valid_until"),
            "scan": data.get("scan"),
            "is_demo": data.get("is_demo", False),
        }


class CertificateRegisterForm(CertificateFieldsForm):
    product = forms.ModelChoiceField(
        label=_("Sản phẩm"), queryset=Product.objects.exclude(structure="child").order_by("title")
    )
    field_order = ["product"]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do thu hồi"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Hãy nhập lý do thu hồi.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Hãy nhập lý do thu hồi."))
        return reason


class BatchForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Sản phẩm"), queryset=Product.objects.none())
    lot_code = forms.CharField(label=_("Số lô"), max_length=40)
    production_date = date_field(_("Ngày sản xuất"))
    best_before = date_field(_("Hạn sử dụng"))
    quantity = forms.IntegerField(label=_("Số lượng (đơn vị sản phẩm)"), min_value=1, max_value=1_000_000)
    raw_material_area = forms.ModelChoiceField(
        label=_("Vùng nguyên liệu"), queryset=RawMaterialArea.objects.none(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = selectors.products_for_user(user)
        self.fields["raw_material_area"].queryset = RawMaterialArea.objects.filter(
            partner__in=selectors.partners_for_user(user)
        )

    def clean(self):
        data = super().clean()
        made, best_before = data.get("production_date"), data.get("best_before")
        if made and best_before and best_before < made:
            self.add_error("best_before", _("Hạn sử dụng phải sau ngày sản xuất."))
        if made and made > timezone.localdate():
            self.add_error("production_date", _("Ngày sản xuất không thể ở tương lai."))
        product, lot_code = data.get("product"), (data.get("lot_code") or "").strip()
        if product and lot_code and ProductionBatch.objects.filter(product=product, lot_code=lot_code).exists():
            self.add_error("lot_code", _("Sản phẩm này đã có lô số này."))
        return data


class InspectionForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Nhà sản xuất"), queryset=get_model("partner", "Partner").objects.order_by("name")
    )
    batch = forms.ModelChoiceField(
        label=_("Lô sản xuất (nếu kiểm tra một lô)"),
        queryset=ProductionBatch.objects.select_related("product").order_by("-production_date"),
        required=False,
    )
    inspected_on = date_field(_("Ngày kiểm tra"))
    inspector = forms.CharField(label=_("Người/đơn vị kiểm tra"), max_length=200)
    result = forms.ChoiceField(label=_("Kết quả"), choices=Inspection.Result.choices)
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_inspected_on(self):
        day = self.cleaned_data["inspected_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày kiểm tra không thể ở tương lai."))
        return day


class TargetForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2018, max_value=2100)
    kind = forms.ChoiceField(label=_("Chỉ tiêu"), choices=ProgrammeTarget.Kind.choices)
    target = forms.IntegerField(label=_("Mục tiêu (số sản phẩm)"), min_value=1, max_value=100_000)
    source = forms.CharField(
        label=_("Văn bản nguồn"), max_length=255, required=False,
        help_text=_("Ví dụ: Kế hoạch 75/KH-UBND năm 2022. Để trống: trang /ocop/ ghi chỉ tiêu là ví dụ."),
    )


class RawMaterialAreaForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Nhà sản xuất"), queryset=get_model("partner", "Partner").objects.none())
    name = forms.CharField(label=_("Tên vùng nguyên liệu"), max_length=200)
    commune = forms.CharField(label=_("Xã/phường (trước 07/2025)"), max_length=100, required=False)
    district = forms.CharField(label=_("Huyện/thành phố (trước 07/2025)"), max_length=100, required=False)
    area_hectares = forms.DecimalField(
        label=_("Diện tích (ha)"), required=False, min_value=0, max_digits=9, decimal_places=2
    )
    standards = forms.MultipleChoiceField(
        label=_("Tiêu chuẩn"),
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        from catalogue.models import QualityStandard

        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = selectors.partners_for_user(user).order_by("name")
        self.fields["standards"].choices = QualityStandard.choices


class AssignAreaForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Sản phẩm"), queryset=Product.objects.none())
    raw_material_area = forms.ModelChoiceField(label=_("Vùng nguyên liệu"), queryset=RawMaterialArea.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = selectors.products_for_user(user)
        self.fields["raw_material_area"].queryset = RawMaterialArea.objects.filter(
            partner__in=selectors.partners_for_user(user)
        )

    def clean(self):
        data = super().clean()
        product, area = data.get("product"), data.get("raw_material_area")
        if product and area and area.partner_id not in set(product.stockrecords.values_list("partner_id", flat=True)):
            self.add_error("raw_material_area", _("Vùng nguyên liệu này thuộc nhà sản xuất khác."))
        return data
