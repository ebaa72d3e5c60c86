"""Forms for registration, appraisal and stock (thin: the rules live in criteria/services)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from sales_points import communes
from sales_points.models import OpeningPeriod, SalesPoint

Product = get_model("catalogue", "Product")


def style_fields(form):
    """Bootstrap classes for Oscar's storefront CSS (checkboxes keep their own)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.HiddenInput)):
            continue
        widget.attrs["class"] = (widget.attrs.get("class", "") + " form-control").strip()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.ImageField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ProductChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, product):
        certificate = product.current_certificate()
        stars = f" — {certificate.stars}★" if certificate else ""
        return f"{product.title}{stars}"


class SalesPointForm(forms.ModelForm):
    """Registration (and later edits while a draft or sent back for changes)."""

    commune_code = forms.TypedChoiceField(label=_("Xã/phường (Bắc Kạn trước 07/2025)"), coerce=int)
    new_ward_code = forms.TypedChoiceField(
        label=_("Xã/phường hiện nay (tỉnh Thái Nguyên, từ 07/2025)"), coerce=int, required=False, empty_value=None
    )
    products = ProductChoiceField(
        label=_("Sản phẩm OCOP sẽ bày bán"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chỉ hiện các sản phẩm đang có chứng nhận OCOP 3 sao trở lên còn hiệu lực."),
    )
    photos = MultipleImageField(label=_("Ảnh điểm bán"), required=False)

    class Meta:
        model = SalesPoint
        fields = [
            "name",
            "operator_name",
            "operator_kind",
            "contact_email",
            "phone",
            "commune_code",
            "new_ward_code",
            "street",
            "latitude",
            "longitude",
            "site_kind",
            "floor_area_m2",
            "local_item_kinds",
            "other_item_kinds",
            "stamps_confirmed",
        ]
        widgets = {
            "latitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
            "longitude": forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        }
        help_texts = {
            "latitude": _("Chọn trên bản đồ hoặc nhập, ví dụ 22.4096"),
            "longitude": _("Ví dụ 105.6236"),
            "local_item_kinds": _("Sản phẩm của địa phương chưa đạt OCOP"),
            "other_item_kinds": _("Hàng hóa khác ngoài sản phẩm OCOP và sản phẩm địa phương"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune_code"].choices = [("", _("— Chọn xã/phường —"))] + communes.commune_choices()
        self.fields["new_ward_code"].choices = [("", _("— Không chọn —"))] + communes.new_ward_choices()
        self.fields["products"].queryset = (
            Product.objects.certified().filter(is_public=True).prefetch_related("ocop_certificates").order_by("title")
        )
        if self.instance.pk and not self.is_bound:
            self.initial["products"] = list(self.instance.listings.values_list("product_id", flat=True))
        self.hour_fields = []
        periods = {}
        if self.instance.pk:
            for period in self.instance.opening_periods.all():
                periods.setdefault(period.weekday, period)
        for weekday, label in OpeningPeriod.Weekday.choices:
            opens_name, closes_name = f"opens_{weekday}", f"closes_{weekday}"
            period = periods.get(weekday)
            self.fields[opens_name] = forms.TimeField(
                label=_("%(day)s mở cửa") % {"day": label},
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                initial=period.opens if period else None,
            )
            self.fields[closes_name] = forms.TimeField(
                label=_("%(day)s đóng cửa") % {"day": label},
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                initial=period.closes if period else None,
            )
            self.hour_fields.append((label, opens_name, closes_name))
        style_fields(self)

    def clean_commune_code(self):
        code = self.cleaned_data["commune_code"]
        if not communes.is_known(code):
            raise ValidationError(_("Xã/phường không có trong danh sách của Bắc Kạn."))
        return code

    def clean(self):
        cleaned = super().clean()
        lat, lng = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lng is None):
            self.add_error("longitude" if lng is None else "latitude", _("Cần nhập cả vĩ độ và kinh độ (hoặc bỏ trống cả hai)."))
        hours = []
        for label, opens_name, closes_name in self.hour_fields:
            opens, closes = cleaned.get(opens_name), cleaned.get(closes_name)
            if opens is None and closes is None:
                continue
            if opens is None or closes is None:
                self.add_error(opens_name, _("%(day)s: cần cả giờ mở và giờ đóng cửa.") % {"day": label})
            elif closes <= opens:
                self.add_error(closes_name, _("%(day)s: giờ đóng cửa phải sau giờ mở cửa.") % {"day": label})
            else:
                weekday = int(opens_name.rsplit("_", 1)[1])
                hours.append((weekday, opens, closes))
        cleaned["hours"] = hours
        return cleaned

    def bound_hours(self):
        return [(label, self[opens], self[closes]) for label, opens, closes in self.hour_fields]


class CriteriaCheckForm(forms.Form):
    """The live check: only the inputs of the Decision 736 criteria."""

    products = forms.ModelMultipleChoiceField(queryset=Product.objects.all(), required=False)
    local_item_kinds = forms.IntegerField(min_value=0, required=False)
    other_item_kinds = forms.IntegerField(min_value=0, required=False)
    stamps_confirmed = forms.BooleanField(required=False)


class DirectoryFilterForm(forms.Form):
    commune = forms.TypedChoiceField(label=_("Xã/phường"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("Loại địa điểm"), required=False)
    product = forms.ModelChoiceField(label=_("Sản phẩm"), queryset=Product.objects.none(), required=False)
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lng = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)

    def __init__(self, *args, commune_codes=(), products=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].choices = [("", _("Tất cả"))] + [
            (code, f"{communes.commune_name(code)} ({communes.district_name(code)})") for code in commune_codes
        ]
        self.fields["kind"].choices = [("", _("Tất cả"))] + list(SalesPoint.SiteKind.choices)
        if products is not None:
            self.fields["product"].queryset = products
            self.fields["product"].empty_label = _("Tất cả")
        style_fields(self)


class DecisionForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=64)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d", "%d/%m/%Y"]
    )
    reason = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)


class ListingForm(forms.Form):
    """One row of the phone-friendly stock page."""

    price = forms.CharField(label=_("Giá (đ)"), required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    quantity = forms.IntegerField(label=_("Số lượng"), min_value=0, required=False)
    in_stock = forms.BooleanField(label=_("Còn hàng"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)
        self.fields["in_stock"].widget.attrs["class"] = "form-check-input"


class AddListingForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Thêm sản phẩm"), queryset=Product.objects.none())

    def __init__(self, *args, point=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Product.objects.certified().filter(is_public=True).order_by("title")
        if point is not None:
            queryset = queryset.exclude(sales_point_listings__point=point)
        self.fields["product"].queryset = queryset
        style_fields(self)


class CsvImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp CSV"), help_text=_("Các cột: upc, price, quantity, in_stock"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise ValidationError(_("Tệp quá lớn (tối đa 2 MB)."))
        return upload




class StockEditForm(forms.Form):
    """One queued edit of the offline stock page, as the page's script sends it (JSON)."""

    id = forms.UUIDField()
    product = forms.IntegerField(min_value=1)
    made_at = forms.DateTimeField()
    seen_quantity = forms.IntegerField(required=False)
    quantity = forms.IntegerField(required=False, min_value=0)
    seen_price = forms.CharField(required=False, strip=True)
    price = forms.CharField(required=False, strip=True)
    seen_in_stock = forms.NullBooleanField(required=False)
    in_stock = forms.NullBooleanField(required=False)

    def _price(self, name):
        from marketplace.money import parse_dong

        try:
            return parse_dong(self.cleaned_data.get(name))
        except ValidationError as error:
            raise ValidationError(error.messages)

    def clean_seen_price(self):
        return self._price("seen_price")

    def clean_price(self):
        return self._price("price")
