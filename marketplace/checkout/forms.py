from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms
from oscar.apps.checkout.forms import *  # noqa: F401,F403

from marketplace.checkout import vietnam
from marketplace.payments import gateways


class ShippingAddressForm(oscar_forms.ShippingAddressForm):
    """Province → commune/ward → street, a Vietnamese phone number (two-level units since 07/2025)."""

    province = forms.ChoiceField(label=_("Tỉnh/Thành phố"))
    ward = forms.CharField(
        label=_("Xã/Phường"),
        max_length=255,
        widget=forms.TextInput(attrs={"list": "ward-options", "autocomplete": "off"}),
        help_text=_("Đơn vị hành chính mới từ 01/07/2025, ví dụ: Phường Đức Xuân, Xã Ba Bể."),
    )

    class Meta(oscar_forms.ShippingAddressForm.Meta):
        fields = ["first_name", "phone_number", "line1", "country", "notes"]
        labels = {
            "first_name": _("Họ và tên người nhận"),
            "line1": _("Số nhà, đường, thôn/tổ"),
            "phone_number": _("Số điện thoại"),
            "notes": _("Ghi chú cho người giao hàng"),
        }

    field_order = ["first_name", "phone_number", "province", "ward", "line1", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("— Chọn tỉnh/thành phố —"))] + vietnam.province_choices()
        self.fields["phone_number"].required = True
        self.fields["phone_number"].help_text = _("Ví dụ: 0912 345 678")
        instance = self.instance
        if not self.is_bound and instance is not None:
            province = vietnam.province_by_name(instance.state or "")
            if province:
                self.initial.setdefault("province", str(int(province.code)))
            self.initial.setdefault("ward", instance.line4 or "")

    def selected_province(self):
        value = self.data.get(self.add_prefix("province")) if self.is_bound else self.initial.get("province")
        return vietnam.province_by_code(value) if value else None

    def ward_options(self):
        province = self.selected_province()
        return vietnam.wards_of(province.code) if province else []

    def clean(self):
        cleaned = super().clean()
        province = vietnam.province_by_code(cleaned.get("province")) if cleaned.get("province") else None
        ward_name = cleaned.get("ward")
        if province and ward_name:
            ward = vietnam.find_ward(province.code, ward_name)
            if ward is None:
                self.add_error(
                    "ward",
                    _("Không có xã/phường “%(ward)s” thuộc %(province)s (theo danh mục từ 01/07/2025).")
                    % {"ward": ward_name, "province": province.name},
                )
            else:
                self.instance.state = province.name
                self.instance.line4 = ward.name
                cleaned["ward"] = ward.name
        return cleaned


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Phương thức thanh toán"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn phương thức thanh toán."),
                        "invalid_choice": _("Phương thức thanh toán này không khả dụng.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = gateways.method_choices()
        self.fields["method"].initial = "cod"
