"""Public producer pages: directory, storefront, follow, application."""
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from marketplace.security import map_csp
from shops import selectors, services
from shops.forms import ApplicationForm, DirectoryFilterForm
from shops.models import ProducerApplication, ProducerProfile

DIRECTORY_PAGE_SIZE = 12
STOREFRONT_PAGE_SIZE = 12


@map_csp
class DirectoryView(TemplateView):
    template_name = "shops/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = DirectoryFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        profiles = selectors.producer_directory(
            district=filters.get("district", ""), kind=filters.get("kind", ""),
            group=filters.get("group", ""), q=filters.get("q", ""),
        )
        page = Paginator(profiles, DIRECTORY_PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(
            form=form,
            page_obj=page,
            profiles=page.object_list,
            is_filtered=any(filters.values()),
            filter_query=query.urlencode(),
            map_points=selectors.map_points(profiles),
        )
        return ctx


@map_csp
class StorefrontView(TemplateView):
    template_name = "shops/detail.html"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = selectors.moved_storefront(kwargs["slug"])
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.get_absolute_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        profile = get_object_or_404(ProducerProfile.objects.select_related("partner"), slug=kwargs["slug"])
        partner = profile.partner
        products = Paginator(selectors.storefront_products(partner), STOREFRONT_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        upcoming, past = selectors.storefront_live_sessions(partner)
        lat, lng, approximate = selectors.profile_position(profile)
        ctx.update(
            profile=profile,
            partner=partner,
            page_obj=products,
            products=products.object_list,
            certificates=selectors.storefront_certificates(partner),
            upcoming_sessions=upcoming,
            past_sessions=past,
            sales_points=selectors.storefront_sales_points(partner),
            is_following=selectors.is_following(self.request.user, partner),
            follower_count=partner.followers.count(),
            position={"lat": lat, "lng": lng, "approximate": approximate} if lat is not None else None,
            map_points=selectors.map_points([profile]),
        )
        return ctx


class FollowView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug):
        profile = get_object_or_404(ProducerProfile.objects.select_related("partner"), slug=slug)
        if request.POST.get("action") == "unfollow":
            services.follow_remove(user=request.user, partner=profile.partner)
            messages.info(request, _("Bạn đã bỏ theo dõi %(name)s.") % {"name": profile.name})
        else:
            services.follow_add(user=request.user, partner=profile.partner)
            messages.success(
                request, _("Bạn đang theo dõi %(name)s: bạn sẽ nhận email khi có sản phẩm mới hoặc phiên live.")
                % {"name": profile.name},
            )
        target = request.POST.get("next") or profile.get_absolute_url()
        # Only a path on this site (redirect() would try any other word as a URL name).
        if not target.startswith("/") or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = profile.get_absolute_url()
        return redirect(target)


class ApplyView(LoginRequiredMixin, View):
    template_name = "shops/apply.html"

    def pending(self, request):
        return ProducerApplication.objects.filter(applicant=request.user).first()

    def get(self, request):
        latest = self.pending(request)
        form = ApplicationForm(initial={"contact_email": request.user.email})
        return render(request, self.template_name, {"form": form, "latest": latest})

    def post(self, request):
        latest = self.pending(request)
        form = ApplicationForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.application_submit(
                    applicant=request.user, data=form.application_data(), documents=form.documents()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã nhận hồ sơ. Cán bộ chương trình OCOP sẽ xét duyệt và báo cho bạn qua email."))
                return redirect("shops:apply")
        return render(request, self.template_name, {"form": form, "latest": latest}, status=400)
