import html as html_lib

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from shops import geo
from shops.images import check_document, open_image
from shops.models import ApplicationDocument, LegalKind, ProducerApplication, ProducerProfile, Standard
from shops.selectors import product_groups

IMAGE_ACCEPT = "image/jpeg,image/png,image/webp,image/gif"


class BootstrapMixin:
    """Bootstrap classes on the widgets so templates render fields as they are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
                continue
            css = "form-control-file" if isinstance(widget, forms.FileInput) else "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


class DirectoryFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Tìm theo tên"), required=False, max_length=100)
    district = forms.ChoiceField(label=_("Huyện/thành phố (trước 07/2025)"), required=False)
    kind = forms.ChoiceField(label=_("Loại hình"), required=False)
    group = forms.ChoiceField(label=_("Nhóm sản phẩm"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["district"].choices = everything + [(d["short"], d["short"]) for d in geo.districts()]
        self.fields["kind"].choices = everything + list(LegalKind.choices)
        self.fields["group"].choices = everything + [(c.slug, c.name) for c in product_groups()]


def validate_picture(upload):
    if upload:
        open_image(upload)
        upload.seek(0)
    return upload


class CommuneField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(coerce=int, empty_value=None, **kwargs)
        self.choices = [("", _("— Chọn xã/phường —"))] + geo.commune_choices()


def year_validator(value):
    if value is not None and not (1900 <= value <= timezone.localdate().year):
        raise ValidationError(_("Năm thành lập phải từ 1900 đến năm nay."))


class ApplicationForm(BootstrapMixin, forms.ModelForm):
    commune_code = CommuneField(label=_("Xã/phường (trước 07/2025)"))
    registration_document = forms.FileField(
        label=_("Giấy chứng nhận đăng ký kinh doanh / HTX (PDF hoặc ảnh chụp)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )
    food_safety_document = forms.FileField(
        label=_("Giấy chứng nhận an toàn thực phẩm (nếu có)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )
    other_document = forms.FileField(
        label=_("Tài liệu khác (nếu có)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )

    class Meta:
        model = ProducerApplication
        fields = [
            "name", "legal_kind", "registration_number", "representative", "commune_code", "address",
            "phone", "contact_email", "founded_year", "story", "products_description",
        ]
        widgets = {"story": forms.Textarea(attrs={"rows": 5}), "products_description": forms.Textarea(attrs={"rows": 3})}

    def clean_founded_year(self):
        value = self.cleaned_data.get("founded_year")
        year_validator(value)
        return value

    def clean_commune_code(self):
        code = self.cleaned_data.get("commune_code")
        if code is None or geo.commune(code) is None:
            raise ValidationError(_("Hãy chọn một xã/phường của Bắc Kạn (cũ)."))
        return code

    def clean_phone(self):
        phone = "".join(ch for ch in self.cleaned_data.get("phone", "") if ch.isdigit() or ch == "+")
        if len(phone.lstrip("+")) < 9:
            raise ValidationError(_("Số điện thoại chưa đúng (ít nhất 9 chữ số)."))
        return phone

    def _clean_document(self, name):
        upload = self.cleaned_data.get(name)
        return check_document(upload) if upload else None

    def clean_registration_document(self):
        return self._clean_document("registration_document")

    def clean_food_safety_document(self):
        return self._clean_document("food_safety_document")

    def clean_other_document(self):
        return self._clean_document("other_document")

    def documents(self):
        kinds = [
            ("registration_document", ApplicationDocument.Kind.REGISTRATION),
            ("food_safety_document", ApplicationDocument.Kind.FOOD_SAFETY),
            ("other_document", ApplicationDocument.Kind.OTHER),
        ]
        return [(kind, self.cleaned_data[name]) for name, kind in kinds if self.cleaned_data.get(name)]

    def application_data(self):
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


class RejectForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(
        label=_("Lý do từ chối"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        error_messages={"required": _("Hãy ghi lý do từ chối để người nộp biết cần bổ sung gì.")},
    )


class ProfileForm(BootstrapMixin, forms.ModelForm):
    commune_code = CommuneField(label=_("Xã/phường (trước 07/2025)"), required=False)
    story = forms.CharField(
        label=_("Câu chuyện của cơ sở"), required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mỗi đoạn cách nhau một dòng trống."),
    )
    story_en = forms.CharField(
        label=_("Câu chuyện bằng tiếng Anh (không bắt buộc)"), required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Để trống thì trang tiếng Anh hiện câu chuyện tiếng Việt, có ghi chú."),
    )
    standards = forms.MultipleChoiceField(
        label=_("Tiêu chuẩn đạt được"), required=False, choices=Standard.choices, widget=forms.CheckboxSelectMultiple
    )
    logo_upload = forms.FileField(
        label=_("Logo mới (JPEG/PNG/WebP, tối đa 5 MB)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    banner_upload = forms.FileField(
        label=_("Ảnh bìa mới (JPEG/PNG/WebP, tối đa 5 MB)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    remove_logo = forms.BooleanField(label=_("Xoá logo hiện tại"), required=False)
    remove_banner = forms.BooleanField(label=_("Xoá ảnh bìa hiện tại"), required=False)

    class Meta:
        model = ProducerProfile
        fields = [
            "legal_kind", "registration_number", "representative", "commune_code", "address",
            "contact_email", "phone", "founded_year", "standards", "story", "story_en",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk:
            # `story` is the Vietnamese text whatever the page's language (see shops.services.profile_update).
            self.initial["story"] = _html_to_text(self.instance.story_vi)
            self.initial["story_en"] = _html_to_text(self.instance.story_en)

    def clean_founded_year(self):
        value = self.cleaned_data.get("founded_year")
        year_validator(value)
        return value

    def clean_logo_upload(self):
        return validate_picture(self.cleaned_data.get("logo_upload"))

    def clean_banner_upload(self):
        return validate_picture(self.cleaned_data.get("banner_upload"))

    def profile_data(self):
        return {field: self.cleaned_data[field] for field in self.Meta.fields}


def _html_to_text(html):
    text = (html or "").replace("<br/>", "\n").replace("<br>", "\n").replace("</p>", "\n\n")
    return html_lib.unescape(strip_tags(text)).strip()


class TeamMemberForm(BootstrapMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email tài khoản của người được thêm"),
        error_messages={"required": _("Hãy nhập email."), "invalid": _("Email chưa đúng định dạng.")},
    )
