from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.complaints import rules


class BootstrapMixin:
    """Bootstrap classes on the widgets (radios and checkboxes keep their own look)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
                continue
            css = "form-control-file" if isinstance(widget, forms.FileInput) else "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several files in one input; their content is checked by the service (shops.images)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultiplePhotoField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class OpenForm(BootstrapMixin, forms.Form):
    quantity = forms.IntegerField(label=_("Số lượng trả"), min_value=1)
    reason = forms.ChoiceField(label=_("Lý do"), choices=rules.Reason.CHOICES)
    description = forms.CharField(
        label=_("Mô tả vấn đề"), required=False, max_length=rules.DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    photos = MultiplePhotoField(
        label=_("Ảnh chụp sản phẩm"), required=False,
        help_text=_("Từ %(min)s đến %(max)s ảnh JPEG, PNG, WebP hoặc GIF, mỗi ảnh tối đa 5 MB.")
        % {"min": rules.MIN_PHOTOS, "max": rules.MAX_PHOTOS},
    )
    refund_bank_name = forms.CharField(label=_("Ngân hàng nhận hoàn tiền"), required=False, max_length=100)
    refund_account_number = forms.CharField(label=_("Số tài khoản"), required=False, max_length=32)
    refund_account_name = forms.CharField(label=_("Chủ tài khoản"), required=False, max_length=100)

    def __init__(self, *args, needs_bank=True, max_quantity=1, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quantity"].max_value = max_quantity
        self.fields["quantity"].widget.attrs["max"] = max_quantity
        if not needs_bank:
            for name in ("refund_bank_name", "refund_account_number", "refund_account_name"):
                del self.fields[name]


class NoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Trả lời"), choices=[("accept", _("Đồng ý hoàn tiền")), ("reject", _("Từ chối"))], widget=forms.RadioSelect
    )
    answer = forms.CharField(
        label=_("Lời nhắn cho người mua"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi từ chối."),
    )


class DecideForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"), choices=[("accept", _("Chấp nhận, hoàn tiền")), ("reject", _("Không chấp nhận"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Lý do quyết định"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class TransferRefundForm(BootstrapMixin, forms.Form):
    reference = forms.CharField(label=_("Mã giao dịch chuyển khoản hoàn tiền"), max_length=100)
