"""The search/browse form: query text, facet filters and sort, all in the URL."""
from django import forms
from django.utils.translation import gettext_lazy as _

from search.backends.base import PRICE_BANDS, SORTS, SearchQuery

STAR_CHOICES = [("", _("Tất cả"))] + [(str(n), _("%(n)s sao") % {"n": n}) for n in (3, 4, 5)]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm sản phẩm"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Ví dụ: mien dong, mật ong, trà shan tuyết"), "autocomplete": "off"}
        ),
        error_messages={"max_length": _("Từ khóa tìm kiếm dài tối đa %(limit_value)d ký tự.")},
    )
    # Bounded: a category id past the database's integer range would crash the query.
    group = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    subgroup = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput)
    stars = forms.TypedChoiceField(
        label=_("Hạng sao"), required=False, choices=STAR_CHOICES, coerce=int, empty_value=None,
        error_messages={"invalid_choice": _("Hạng sao chỉ có thể là 3, 4 hoặc 5.")},
    )
    district = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    producer = forms.SlugField(required=False, max_length=140, widget=forms.HiddenInput)
    price = forms.ChoiceField(
        label=_("Khoảng giá"), required=False, choices=[("", _("Mọi mức giá"))] + [(b[0], b[3]) for b in PRICE_BANDS],
        error_messages={"invalid_choice": _("Khoảng giá không hợp lệ.")},
    )
    in_stock = forms.BooleanField(label=_("Chỉ hiện sản phẩm còn hàng"), required=False)
    sort = forms.ChoiceField(
        label=_("Sắp xếp"), required=False, choices=list(SORTS.items()),
        error_messages={"invalid_choice": _("Cách sắp xếp không hợp lệ.")},
    )

    def to_query(self, *, page=1, per_page=24, category=None):
        """The backend query from the valid fields; invalid ones are dropped (and shown as errors)."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items()}
        return SearchQuery(
            text=(data.get("q") or "").strip(),
            group=data.get("group"),
            subgroup=data.get("subgroup"),
            stars=data.get("stars"),
            district=data.get("district") or "",
            producer=data.get("producer") or "",
            price=data.get("price") or "",
            in_stock=bool(data.get("in_stock")),
            category=category,
            sort=data.get("sort") or "relevance",
            page=page,
            per_page=per_page,
        )
