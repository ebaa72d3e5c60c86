from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from gift_baskets.models import CultureTheme, PackagingOption
from marketplace.partner.strategy import is_on_sale

Product = get_model("catalogue", "Product")


class BuilderForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Chủ đề văn hóa"),
        queryset=CultureTheme.objects.all(),
        to_field_name="code",
        error_messages={"required": _("Hãy chọn một chủ đề."), "invalid_choice": _("Chủ đề không tồn tại.")},
    )
    box_size = forms.IntegerField(
        label=_("Cỡ hộp (số món)"),
        min_value=1,
        error_messages={"required": _("Hãy chọn cỡ hộp."), "invalid": _("Cỡ hộp phải là một số.")},
    )
    items = forms.ModelMultipleChoiceField(
        label=_("Sản phẩm trong hộp"),
        queryset=Product.objects.filter(is_public=True),
        required=False,
        error_messages={"invalid_choice": _("Có sản phẩm không tồn tại."), "invalid_pk_value": _("Có sản phẩm không tồn tại.")},
    )
    packaging = forms.ModelChoiceField(
        label=_("Đóng gói"),
        queryset=PackagingOption.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Hộp giấy thường"),
    )
    card_message = forms.CharField(
        label=_("Lời chúc trên thiệp (không bắt buộc)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Lời chúc tối đa %(limit_value)d ký tự.")},
    )

    def clean(self):
        data = super().clean()
        theme, size, items = data.get("theme"), data.get("box_size"), list(data.get("items") or [])
        if theme is None or size is None:
            return data
        if not theme.min_items <= size <= theme.max_items:
            self.add_error(
                "box_size",
                _("Cỡ hộp của chủ đề này từ %(min)d đến %(max)d món.") % {"min": theme.min_items, "max": theme.max_items},
            )
            return data
        if len(items) < size:
            self.add_error(
                "items",
                _("Còn thiếu sản phẩm: hộp %(size)d món, bạn mới chọn %(count)d.") % {"size": size, "count": len(items)},
            )
        elif len(items) > size:
            self.add_error(
                "items",
                _("Quá nhiều sản phẩm: hộp %(size)d món, bạn đã chọn %(count)d. Hãy bỏ bớt %(extra)d món.")
                % {"size": size, "count": len(items), "extra": len(items) - size},
            )
        in_theme = set(theme.products.values_list("pk", flat=True))
        for product in items:
            if product.pk not in in_theme:
                self.add_error(
                    "items",
                    _("“%(title)s” không thuộc chủ đề “%(theme)s”.") % {"title": product.get_title(), "theme": theme.name},
                )
            elif not is_on_sale(product):
                self.add_error(
                    "items",
                    _("“%(title)s” đang tạm ngừng bán (chứng nhận OCOP không còn hiệu lực), không thể cho vào giỏ quà.")
                    % {"title": product.get_title()},
                )
        return data


class CuratedAddForm(forms.Form):
    packaging = forms.ModelChoiceField(
        label=_("Đóng gói"), queryset=PackagingOption.objects.none(), to_field_name="code", required=False,
        empty_label=_("Hộp giấy thường"),
    )
    card_message = BuilderForm.base_fields["card_message"]

    def __init__(self, *args, gift_basket, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["packaging"].queryset = gift_basket.packaging_options.all()
