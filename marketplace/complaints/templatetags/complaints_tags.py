from django import template
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marketplace.complaints import services
from marketplace.complaints.models import ReturnRequest

register = template.Library()


@register.inclusion_tag("complaints/_line_action.html", takes_context=True)
def line_return_action(context, line, parcel):
    """On the shopper's order page (or a guest's order-status page, once its e-mail was typed):
    the line's current request, or the link to open one while the rules allow it."""
    request = getattr(context, "request", None) or context.get("request")
    result = {"line": line, "current_url": None, "current": None, "open_url": None, "closes_at": None}
    if request is None or parcel.status != "delivered":
        return result
    order = line.order
    if services.user_owns_order(request.user, order):
        identity = {"user": request.user}
        open_url = reverse("complaints:open", kwargs={"line_id": line.pk})

        def detail_url(obj):
            return reverse("complaints:detail", kwargs={"pk": obj.pk})
    else:
        match = getattr(request, "resolver_match", None)
        email = request.session.get("anon_order_email") if hasattr(request, "session") else None
        if match is None or match.url_name != "anon-order" or not services.guest_owns_order(email, order):
            return result
        link = {"order_number": order.number, "hash": match.kwargs["hash"]}
        identity = {"user": None, "guest_email": email}
        open_url = reverse("complaints:guest-open", kwargs={**link, "line_id": line.pk})

        def detail_url(obj):
            return reverse("complaints:guest-detail", kwargs={**link, "pk": obj.pk})
    current = ReturnRequest.objects.filter(line=line).order_by("-pk").first()
    if current is not None:
        result.update(current=current, current_url=detail_url(current))
    try:
        delivered = services.open_check(line=line, **identity)
    except (ValidationError, PermissionDenied):
        return result
    result.update(open_url=open_url, closes_at=timezone.localtime(services.window_closes_at(delivered)))
    return result


@register.inclusion_tag("complaints/policy_rules.html")
def complaints_policy():
    """The rules block of the complaints and returns policy page, printed from rules.py."""
    from marketplace.complaints.views import rules_context

    return rules_context()
