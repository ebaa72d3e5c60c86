"""The certification officer's pages under /dashboard/ocop/ (and producers' batch pages)."""
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from ocop import forms, permissions, qr, selectors, services
from ocop import rules as ocop_rules

OcopCertificate = get_model("catalogue", "OcopCertificate")
ProductionBatch = get_model("catalogue", "ProductionBatch")
Inspection = get_model("catalogue", "Inspection")

PAGE_SIZE = 30


def _copy_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class AccessMixin(View):
    access_fn = staticmethod(permissions.can_certify)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not self.access_fn(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CertificateListView(AccessMixin):
    def get(self, request):
        status = request.GET.get("status") or ""
        query = (request.GET.get("q") or "").strip()
        page = Paginator(selectors.certificates_for_dashboard(status=status, query=query), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "ocop/dashboard/certificate_list.html",
            {
                "page_obj": page,
                "certificates": page.object_list,
                "status": status,
                "query": query,
                "expiring": selectors.expiring_certificates(),
                "warning_days": ocop_rules.EXPIRY_WARNING_DAYS,
                "today": timezone.localdate(),
            },
        )


class CertificateScanView(AccessMixin):
    """A certificate's scan, served to certification officers only (no public media link)."""

    def get(self, request, pk):
        from marketplace.private_files import private_file_response

        certificate = get_object_or_404(OcopCertificate.objects.exclude(scan=""), pk=pk)
        return private_file_response(certificate.scan, download_name=f"quyet-dinh-{certificate.decision_number}")


class CertificateRegisterView(AccessMixin):
    template_name = "ocop/dashboard/certificate_form.html"

    def get(self, request):
        initial = {}
        if request.GET.get("product"):
            initial["product"] = request.GET["product"]
        return render(request, self.template_name, {"form": forms.CertificateRegisterForm(initial=initial)})

    def post(self, request):
        form = forms.CertificateRegisterForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                certificate = services.certificate_register(
                    product=form.cleaned_data["product"], by=request.user, **form.service_kwargs()
                )
            except ValidationError as error:
                _copy_errors(form, error)
            else:
                messages.success(
                    request, _("Đã ghi nhận quyết định %(number)s.") % {"number": certificate.decision_number}
                )
                return redirect("ocop:dashboard-certificates")
        return render(request, self.template_name, {"form": form}, status=400)


class CertificateRenewView(AccessMixin):
    template_name = "ocop/dashboard/certificate_form.html"

    def get_certificate(self, pk):
        return get_object_or_404(OcopCertificate.objects.select_related("product"), pk=pk)

    def get(self, request, pk):
        previous = self.get_certificate(pk)
        form = forms.CertificateFieldsForm(initial={"stars": previous.stars})
        return render(request, self.template_name, {"form": form, "previous": previous})

    def post(self, request, pk):
        previous = self.get_certificate(pk)
        form = forms.CertificateFieldsForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                certificate = services.certificate_renew(previous=previous, by=request.user, **form.service_kwargs())
            except ValidationError as error:
                _copy_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Đã gia hạn chứng nhận của %(product)s đến %(date)s.")
                    % {"product": previous.product.title, "date": certificate.valid_until.strftime("%d/%m/%Y")},
                )
                return redirect("ocop:dashboard-certificates")
        return render(request, self.template_name, {"form": form, "previous": previous}, status=400)


class CertificateRevokeView(AccessMixin):
    template_name = "ocop/dashboard/certificate_revoke.html"

    def get(self, request, pk):
        certificate = get_object_or_404(OcopCertificate.objects.select_related("product"), pk=pk)
        return render(request, self.template_name, {"form": forms.RevokeForm(), "certificate": certificate})

    def post(self, request, pk):
        certificate = get_object_or_404(OcopCertificate.objects.select_related("product"), pk=pk)
        form = forms.RevokeForm(request.POST)
        if form.is_valid():
            try:
                services.certificate_revoke(
                    certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
                )
            except ValidationError as error:
                _copy_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Đã thu hồi chứng nhận %(number)s; sản phẩm %(product)s ngừng bán ngay.")
                    % {"number": certificate.decision_number, "product": certificate.product.title},
                )
                return redirect("ocop:dashboard-certificates")
        return render(request, self.template_name, {"form": form, "certificate": certificate}, status=400)


class BatchListView(AccessMixin):
    access_fn = staticmethod(permissions.can_register_batches)
    template_name = "ocop/dashboard/batch_list.html"

    def render_page(self, request, form, status=200):
        page = Paginator(selectors.batches_for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request, self.template_name, {"form": form, "page_obj": page, "batches": page.object_list}, status=status
        )

    def get(self, request):
        return self.render_page(request, forms.BatchForm(user=request.user))

    def post(self, request):
        form = forms.BatchForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                batch = services.batch_register(by=request.user, **data)
            except ValidationError as error:
                _copy_errors(form, error)
            else:
                messages.success(request, _("Đã đăng ký lô %(lot)s.") % {"lot": batch.lot_code})
                return redirect("ocop:dashboard-batch-stamps", pk=batch.pk)
        return self.render_page(request, form, status=400)


class BatchStampsView(AccessMixin):
    """A printable A4 sheet of the batch's traceability stamps."""

    access_fn = staticmethod(permissions.can_register_batches)

    def get(self, request, pk):
        batch = get_object_or_404(selectors.batches_for_user(request.user), pk=pk)
        try:
            count = max(1, min(int(request.GET.get("count", 24)), 200))
        except ValueError:
            count = 24
        url = qr.trace_url(request, batch.trace_code)
        return render(
            request,
            "ocop/dashboard/batch_stamps.html",
            {"batch": batch, "svg": qr.qr_svg_inline(url), "url": url, "stamps": range(count), "count": count},
        )


class InspectionListView(AccessMixin):
    template_name = "ocop/dashboard/inspection_list.html"

    def render_page(self, request, form, status=200):
        inspections = Inspection.objects.select_related("partner", "batch__product", "recorded_by")
        page = Paginator(inspections, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {"form": form, "page_obj": page, "inspections": page.object_list},
            status=status,
        )

    def get(self, request):
        return self.render_page(request, forms.InspectionForm(initial={"inspected_on": timezone.localdate()}))

    def post(self, request):
        form = forms.InspectionForm(request.POST)
        if form.is_valid():
            try:
                services.inspection_record(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _copy_errors(form, error)
            else:
                messages.success(request, _("Đã ghi nhận đợt kiểm tra."))
                return redirect("ocop:dashboard-inspections")
        return self.render_page(request, form, status=400)


class TargetView(AccessMixin):
    template_name = "ocop/dashboard/targets.html"

    def render_page(self, request, form, status=200):
        return render(
            request, self.template_name, {"form": form, "rows": selectors.target_progress()}, status=status
        )

    def get(self, request):
        return self.render_page(request, forms.TargetForm(initial={"year": timezone.localdate().year}))

    def post(self, request):
        form = forms.TargetForm(request.POST)
        if form.is_valid():
            services.target_set(by=request.user, **form.cleaned_data)
            messages.success(request, _("Đã lưu chỉ tiêu."))
            return redirect("ocop:dashboard-targets")
        return self.render_page(request, form, status=400)


class AreaListView(AccessMixin):
    """Raw-material areas (with their standards) and which product comes from which."""

    access_fn = staticmethod(permissions.can_register_batches)
    template_name = "ocop/dashboard/area_list.html"

    def render_page(self, request, area_form=None, assign_form=None, status=200):
        user = request.user
        areas = (
            get_model("catalogue", "RawMaterialArea")
            .objects.filter(partner__in=selectors.partners_for_user(user))
            .select_related("partner")
            .prefetch_related("products")
        )
        page = Paginator(areas, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "area_form": area_form or forms.RawMaterialAreaForm(user=user),
                "assign_form": assign_form or forms.AssignAreaForm(user=user),
                "page_obj": page,
                "areas": page.object_list,
            },
            status=status,
        )

    def get(self, request):
        return self.render_page(request)

    def post(self, request):
        if request.POST.get("action") == "assign":
            form = forms.AssignAreaForm(request.POST, user=request.user)
            if form.is_valid():
                services.product_area_set(by=request.user, **form.cleaned_data)
                messages.success(request, _("Đã gắn vùng nguyên liệu cho sản phẩm."))
                return redirect("ocop:dashboard-areas")
            return self.render_page(request, assign_form=form, status=400)
        form = forms.RawMaterialAreaForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.area_register(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _copy_errors(form, error)
            else:
                messages.success(request, _("Đã thêm vùng nguyên liệu."))
                return redirect("ocop:dashboard-areas")
        return self.render_page(request, area_form=form, status=400)
