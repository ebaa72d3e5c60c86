"""Staff review of texts with forbidden health claims (/dashboard/ocop/claims/)."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ocop import claims, permissions
from ocop.dashboard_views import PAGE_SIZE, AccessMixin
from ocop.models import ClaimReview


def can_review(user, url_name=None, url_args=None, url_kwargs=None):
    return bool(user and user.is_active and (user.is_staff or permissions.can_certify(user)))


class ClaimReviewListView(AccessMixin):
    access_fn = staticmethod(can_review)

    def get(self, request):
        reviews = ClaimReview.objects.filter(status=ClaimReview.Status.PENDING).select_related("content_type", "submitted_by")
        page = Paginator(reviews, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = [{"review": review, "highlighted": claims.highlight(review.text), "target": review.target} for review in page.object_list]
        return render(request, "ocop/dashboard/claim_reviews.html", {"page_obj": page, "rows": rows})

    def post(self, request):
        review = get_object_or_404(ClaimReview, pk=request.POST.get("review"), status=ClaimReview.Status.PENDING)
        approve = request.POST.get("action") == "approve"
        claims.review_decide(review=review, approve=approve, by=request.user)
        messages.success(request, _("Đã duyệt nội dung.") if approve else _("Đã không duyệt: nội dung tiếp tục bị ẩn đến khi được sửa."))
        return redirect("ocop:dashboard-claims")
