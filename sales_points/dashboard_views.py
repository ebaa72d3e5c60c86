"""Staff appraisal pages under /dashboard/sales-points/ (permission: sales_points.appraise_salespoint)."""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sales_points import criteria, selectors, services
from sales_points.forms import DecisionForm, ReasonForm
from sales_points.models import SalesPoint
from sales_points.permissions import can_appraise


def appraiser_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_appraise(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@appraiser_required
def point_list(request):
    status = request.GET.get("status") or ""
    if status not in SalesPoint.Status.values:
        status = ""
    points = selectors.appraisal_queue(status=status or None)
    page = Paginator(points, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "sales_points/dashboard/list.html",
        {"page_obj": page, "points": page.object_list, "status": status, "statuses": SalesPoint.Status.choices},
    )


# action → (service, form class)
ACTIONS = {
    "approve": (services.sales_point_approve, DecisionForm),
    "request-changes": (services.sales_point_request_changes, ReasonForm),
    "reject": (services.sales_point_reject, ReasonForm),
    "suspend": (services.sales_point_suspend, ReasonForm),
    "reinstate": (services.sales_point_reinstate, ReasonForm),
    "revoke": (services.sales_point_revoke, ReasonForm),
}

# What staff can do from each status (the buttons shown).
AVAILABLE = {
    SalesPoint.Status.SUBMITTED: ["approve", "request-changes", "reject"],
    SalesPoint.Status.APPROVED: ["suspend", "revoke"],
    SalesPoint.Status.SUSPENDED: ["reinstate", "revoke"],
}
LABELS = {
    "approve": gettext_lazy("Công nhận"),
    "request-changes": gettext_lazy("Yêu cầu bổ sung"),
    "reject": gettext_lazy("Không công nhận"),
    "suspend": gettext_lazy("Tạm đình chỉ"),
    "reinstate": gettext_lazy("Khôi phục"),
    "revoke": gettext_lazy("Thu hồi công nhận"),
}


def _detail_context(point, forms=None):
    forms = forms or {}
    available = AVAILABLE.get(point.status, [])
    return {
        "point": point,
        "report": selectors.point_criteria(point),
        "guidance": criteria.guidance_736(),
        "history": selectors.history(point),
        "listings": point.listings.select_related("product"),
        "actions": [
            (name, str(LABELS[name]), forms.get(name) or ACTIONS[name][1](prefix=name)) for name in available
        ],
    }


@appraiser_required
def point_detail(request, pk):
    point = get_object_or_404(SalesPoint, pk=pk)
    return render(request, "sales_points/dashboard/detail.html", _detail_context(point))


@appraiser_required
@require_POST
def point_action(request, pk, action):
    point = get_object_or_404(SalesPoint, pk=pk)
    if action not in ACTIONS:
        return render(request, "sales_points/dashboard/detail.html", _detail_context(point), status=404)
    service, form_class = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            service(point=point, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            point.refresh_from_db()
            messages.success(request, _("Đã cập nhật trạng thái: %(status)s.") % {"status": point.get_status_display()})
            return redirect("sales_points:dashboard-detail", pk=point.pk)
    return render(request, "sales_points/dashboard/detail.html", _detail_context(point, {action: form}), status=400)
