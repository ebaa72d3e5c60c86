"""Officers' pages for the OCOP registry under /dashboard/ocop/registry/ (certification permission)."""
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop import places, selectors, services
from ocop.dashboard_views import PAGE_SIZE, AccessMixin, _copy_errors
from ocop.models import RegistryEntry


class EntryForm(forms.ModelForm):
    commune_code = forms.TypedChoiceField(
        label=gettext_lazy("Xã, phường, thị trấn (trước 07/2025)"), required=False, coerce=int, empty_value=None
    )
    product_id = forms.IntegerField(
        label=gettext_lazy("Mã sản phẩm trên sàn (nếu sản phẩm này đang bán ở đây)"), required=False, min_value=1
    )
    standards_text = forms.CharField(
        label=gettext_lazy("Tiêu chuẩn (mã, cách nhau bởi dấu phẩy: vietgap, organic, gacp-who…)"), required=False
    )

    class Meta:
        model = RegistryEntry
        fields = [
            "name", "producer_name", "producer_kind", "commune_code", "new_ward_code", "group", "subgroup",
            "listed_stars", "raw_material_area", "source", "is_demo",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune_code"].choices = [("", "—")] + [
            (code, f"{unit['label']} ({unit['district']})") for code, unit in sorted(places.by_code().items())
        ]
        if self.instance.pk:
            self.fields["standards_text"].initial = ", ".join(self.instance.standards or [])
            self.fields["product_id"].initial = self.instance.product_id

    def clean_product_id(self):
        from oscar.core.loading import get_model

        pk = self.cleaned_data.get("product_id")
        if not pk:
            return None
        product = get_model("catalogue", "Product").objects.filter(pk=pk).first()
        if product is None:
            raise forms.ValidationError(_("Không có sản phẩm mã %(pk)s trên sàn.") % {"pk": pk})
        linked = RegistryEntry.objects.filter(product=product).exclude(pk=self.instance.pk).first()
        if linked is not None:
            raise forms.ValidationError(_("Sản phẩm này đã gắn với %(code)s.") % {"code": linked.code})
        return product

    def service_kwargs(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["standards"] = [s.strip().lower() for s in self.cleaned_data["standards_text"].split(",") if s.strip()]
        return data


class CertificateForm(forms.Form):
    stars = forms.TypedChoiceField(label=gettext_lazy("Số sao"), choices=[(3, "3"), (4, "4"), (5, "5")], coerce=int)
    score = forms.DecimalField(label=gettext_lazy("Điểm"), required=False, max_digits=5, decimal_places=2)
    decision_number = forms.CharField(label=gettext_lazy("Số quyết định"), max_length=64)
    decision_date = forms.DateField(label=gettext_lazy("Ngày quyết định"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp CSV hoặc XLSX"))


class RegistryListView(AccessMixin):
    def get(self, request):
        params = {key: request.GET.get(key, "") for key in ("q", "status", "sort")}
        page = Paginator(selectors.registry_search(params), PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            "ocop/dashboard/registry_list.html",
            {"page_obj": page, "entries": page.object_list, "params": params, "import_form": ImportForm()},
        )


class RegistryImportView(AccessMixin):
    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            result = services.registry_import(uploaded=form.cleaned_data["file"], by=request.user)
            if not result.errors:
                messages.success(
                    request,
                    _("Đã nhập: %(c)s sản phẩm mới, %(u)s cập nhật, %(d)s quyết định.")
                    % {"c": result.created, "u": result.updated, "d": result.certificates},
                )
                return redirect("ocop:dashboard-registry")
        return render(request, "ocop/dashboard/registry_import.html", {"form": form, "result": result}, status=400)


class RegistryEntryView(AccessMixin):
    def get_entry(self, code):
        return get_object_or_404(RegistryEntry, code=code) if code else None

    def render_page(self, request, entry, form, certificate_form=None, status=200):
        return render(
            request,
            "ocop/dashboard/registry_form.html",
            {
                "entry": entry,
                "form": form,
                "certificate_form": certificate_form or CertificateForm(),
                "history": selectors.registry_history(entry) if entry else [],
            },
            status=status,
        )

    def get(self, request, code=None):
        entry = self.get_entry(code)
        return self.render_page(request, entry, EntryForm(instance=entry))

    def post(self, request, code=None):
        entry = self.get_entry(code)
        if request.POST.get("action") == "certificate" and entry is not None:
            certificate_form = CertificateForm(request.POST)
            if certificate_form.is_valid():
                try:
                    services.registry_certificate_add(entry=entry, by=request.user, **certificate_form.cleaned_data)
                except ValidationError as error:
                    _copy_errors(certificate_form, error)
                else:
                    messages.success(request, _("Đã ghi nhận quyết định."))
                    return redirect("ocop:dashboard-registry-entry", code=entry.code)
            return self.render_page(request, entry, EntryForm(instance=entry), certificate_form, status=400)
        form = EntryForm(request.POST, instance=entry)
        if form.is_valid():
            try:
                saved = services.registry_entry_save(
                    by=request.user, entry=entry, product=form.cleaned_data["product_id"], **form.service_kwargs()
                )
            except ValidationError as error:
                _copy_errors(form, error)
            else:
                messages.success(request, _("Đã lưu sản phẩm trong cơ sở dữ liệu OCOP."))
                return redirect("ocop:dashboard-registry-entry", code=saved.code)
        return self.render_page(request, entry, form, status=400)
