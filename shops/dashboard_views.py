"""The producer's back office (/dashboard/producer/…) and program staff's review of applications.

A producer user (non-staff, linked through `partner.users`, with `partner.dashboard_access`)
reaches only the partners they belong to: any other partner's page answers 404.
"""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from shops import selectors, services
from shops.permissions import can_access_partner, can_review_applications
from shops.forms import ProfileForm, RejectForm
from shops.models import ProducerApplication, ProducerProfile

Partner = get_model("partner", "Partner")




class ProducerMixin(LoginRequiredMixin):
    """Resolves `slug` to a partner the user works for; 404 otherwise."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.profile = get_object_or_404(ProducerProfile.objects.select_related("partner"), slug=kwargs["slug"])
        self.partner = self.profile.partner
        if not can_access_partner(request.user, self.partner):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra):
        return {
            "profile": self.profile,
            "partner": self.partner,
            "my_partners": selectors.partners_of(self.request.user),
            **extra,
        }


class ProducerHomeView(LoginRequiredMixin, View):
    """/dashboard/producer/: the user's own producer (or the list when they work for several)."""

    def get(self, request):
        partners = [p for p in selectors.partners_of(request.user) if hasattr(p, "producer_profile")]
        if not request.user.has_perm("partner.dashboard_access"):
            raise PermissionDenied
        if len(partners) == 1:
            return redirect("shops:producer-overview", slug=partners[0].producer_profile.slug)
        return render(request, "shops/dashboard/choose.html", {"partners": partners})


class OverviewView(ProducerMixin, View):
    def get(self, request, slug):
        certificates = selectors.producer_certificates(self.partner)
        return render(
            request,
            "shops/dashboard/overview.html",
            self.context(
                expiring=[c for c in certificates if c.expires_soon],
                certificate_count=sum(1 for c in certificates if c.is_current_now),
                product_count=selectors.storefront_products(self.partner).count(),
                follower_count=self.partner.followers.count(),
                sales=selectors.sales_by_month(self.partner, months=6),
                changes=selectors.recent_changes(self.partner, limit=5),
            ),
        )


class ProfileEditView(ProducerMixin, View):
    template_name = "shops/dashboard/profile_form.html"

    def get(self, request, slug):
        form = ProfileForm(instance=self.profile)
        return render(request, self.template_name, self.context(form=form))

    def post(self, request, slug):
        form = ProfileForm(request.POST, request.FILES, instance=ProducerProfile.objects.get(pk=self.profile.pk))
        if form.is_valid():
            services.profile_update(
                profile=self.profile,
                user=request.user,
                data=form.profile_data(),
                logo=form.cleaned_data.get("logo_upload"),
                banner=form.cleaned_data.get("banner_upload"),
                remove_logo=form.cleaned_data.get("remove_logo"),
                remove_banner=form.cleaned_data.get("remove_banner"),
            )
            messages.success(request, _("Đã lưu hồ sơ gian hàng."))
            if getattr(self.profile, "legal_change_request", None):
                messages.info(
                    request,
                    _("Thay đổi loại hình, mã số đăng ký hoặc người đại diện đã được gửi cho Ban quản lý duyệt; "
                      "thông tin cũ vẫn hiển thị đến khi được duyệt."),
                )
            return redirect("shops:producer-profile", slug=self.profile.slug)
        return render(request, self.template_name, self.context(form=form), status=400)


class CertificatesView(ProducerMixin, View):
    def get(self, request, slug):
        certificates = selectors.producer_certificates(self.partner)
        return render(
            request, "shops/dashboard/certificates.html",
            self.context(certificates=certificates, expiring=[c for c in certificates if c.expires_soon]),
        )


class SalesView(ProducerMixin, View):
    def get(self, request, slug):
        lines = selectors.producer_lines(self.partner).order_by("-order__date_placed", "-pk")
        page = Paginator(lines, 25).get_page(request.GET.get("page"))
        return render(
            request, "shops/dashboard/sales.html",
            self.context(sales=selectors.sales_by_month(self.partner), page_obj=page, lines=page.object_list),
        )


class GiftSupplyView(ProducerMixin, View):
    """What this producer must supply for ordered gift baskets: only its own components."""

    def get(self, request, slug):
        from gift_baskets import selectors as gift_selectors

        page = Paginator(gift_selectors.supply_lines_for_partner(self.partner), 25).get_page(request.GET.get("page"))
        return render(
            request, "shops/dashboard/gift_supply.html",
            self.context(page_obj=page, rows=gift_selectors.supply_rows(page.object_list)),
        )


class ChangeLogView(ProducerMixin, View):
    def get(self, request, slug):
        page = Paginator(self.partner.back_office_changes.select_related("user"), 30).get_page(request.GET.get("page"))
        return render(request, "shops/dashboard/changes.html", self.context(page_obj=page, changes=page.object_list))


# --- program staff: applications --------------------------------------------------------


class ReviewerMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not can_review_applications(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ApplicationListView(ReviewerMixin, View):
    def get(self, request):
        status = request.GET.get("status", ProducerApplication.Status.SUBMITTED)
        applications = ProducerApplication.objects.select_related("applicant")
        if status in ProducerApplication.Status.values:
            applications = applications.filter(status=status)
        page = Paginator(applications, 25).get_page(request.GET.get("page"))
        return render(
            request, "shops/dashboard/application_list.html",
            {"page_obj": page, "applications": page.object_list, "status": status,
             "statuses": ProducerApplication.Status.choices},
        )


class ApplicationDetailView(ReviewerMixin, View):
    template_name = "shops/dashboard/application_detail.html"

    def get_application(self, pk):
        return get_object_or_404(ProducerApplication.objects.select_related("applicant", "partner"), pk=pk)

    def get(self, request, pk):
        application = self.get_application(pk)
        return render(request, self.template_name, {"application": application, "reject_form": RejectForm()})

    def post(self, request, pk):
        application = self.get_application(pk)
        reject_form = RejectForm()
        try:
            if request.POST.get("action") == "approve":
                services.application_approve(application=application, reviewer=request.user)
                messages.success(request, _("Đã duyệt hồ sơ và tạo gian hàng %(name)s.") % {"name": application.name})
                return redirect("shops:application-detail", pk=application.pk)
            if request.POST.get("action") == "reject":
                reject_form = RejectForm(request.POST)
                if reject_form.is_valid():
                    services.application_reject(
                        application=application, reviewer=request.user, reason=reject_form.cleaned_data["reason"]
                    )
                    messages.info(request, _("Đã từ chối hồ sơ và báo cho người nộp."))
                    return redirect("shops:application-detail", pk=application.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return render(
            request, self.template_name, {"application": application, "reject_form": reject_form}, status=400
        )


class ApplicationDocumentView(ReviewerMixin, View):
    """Serves a dossier document to reviewers only (never a public media link)."""

    def get(self, request, pk, doc_pk):
        from marketplace.private_files import private_file_response

        application = get_object_or_404(ProducerApplication, pk=pk)
        document = get_object_or_404(application.documents, pk=doc_pk)
        return private_file_response(document.file, download_name=f"{document.kind}-{document.pk}")


class TeamView(ProducerMixin, View):
    """Several users can work for one producer (assisted sellers: a cooperative or post-office clerk)."""

    template_name = "shops/dashboard/team.html"

    def get(self, request, slug, form=None, status=200):
        from shops.forms import TeamMemberForm

        return render(
            request, self.template_name,
            self.context(members=self.partner.users.order_by("email"), form=form or TeamMemberForm()),
            status=status,
        )

    def post(self, request, slug):
        from shops.forms import TeamMemberForm

        try:
            if "remove" in request.POST:
                member = get_object_or_404(self.partner.users, pk=request.POST.get("remove"))
                services.team_member_remove(partner=self.partner, user=member, by=request.user)
                messages.info(request, _("Đã gỡ %(email)s khỏi gian hàng.") % {"email": member.email})
                return redirect("shops:producer-team", slug=slug)
            form = TeamMemberForm(request.POST)
            if form.is_valid():
                member = services.team_member_add(partner=self.partner, email=form.cleaned_data["email"], by=request.user)
                messages.success(request, _("Đã thêm %(email)s vào gian hàng.") % {"email": member.email})
                return redirect("shops:producer-team", slug=slug)
        except ValidationError as error:
            form = TeamMemberForm(request.POST)
            form.is_valid()
            form.add_error(None, error)
        return self.get(request, slug, form=form, status=400)
