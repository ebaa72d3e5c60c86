from django import forms
from django.utils.translation import gettext_lazy as _

from livestream import selectors
from livestream.models import FeaturedProduct, LiveSession
from ocop import claims


class SessionForm(forms.ModelForm):
    scheduled_start = forms.DateTimeField(
        label=_("Thời gian bắt đầu"),
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Ngày giờ theo giờ Việt Nam, ví dụ 20/12/2026 20:00."),
    )

    class Meta:
        model = LiveSession
        fields = ["partner", "title", "description", "scheduled_start", "cover", "stream_url", "embed_url", "banned_words"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = selectors.partners_hosted_by(user)
        self.fields["partner"].empty_label = None

    def clean(self):
        data = super().clean()
        claims.form_check(self, "title")  # forbidden health claims: held, the host told why
        if not data.get("stream_url") and not data.get("embed_url"):
            raise forms.ValidationError(_("Cần đường dẫn HLS (.m3u8) hoặc đường dẫn nhúng để phát video."))
        return data


class FeaturedProductForm(forms.ModelForm):
    class Meta:
        model = FeaturedProduct
        fields = ["product", "live_price", "quantity_cap", "per_buyer_limit"]

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["product"].queryset = selectors.certified_products_of(session.partner)
        self.fields["live_price"].widget.attrs.update({"step": "1000", "inputmode": "numeric"})

    def validate_unique(self):
        pass  # featured_product_add updates an existing row for the same product


class OfferForm(forms.Form):
    featured_id = forms.IntegerField(widget=forms.HiddenInput)
    minutes = forms.IntegerField(label=_("Thời lượng (phút)"), min_value=1, max_value=180, initial=10)
    live_price = forms.IntegerField(label=_("Giá live (đ)"), min_value=1, required=False)
    cap = forms.IntegerField(label=_("Số suất"), min_value=1, required=False)
