from django import template
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from marketplace.complaints import services
from marketplace.complaints.models import ReturnRequest

register = template.Library()


@register.inclusion_tag("complaints/_line_action.html", takes_context=True)
def line_return_action(context, line, parcel):
    """On the shopper's order page: the line's current request, or the link to open one while the
    rules allow it (delivered, within the window, the order's owner)."""
    request = getattr(context, "request", None) or context.get("request")
    user = getattr(request, "user", None)
    result = {"line": line, "current": None, "can_open": False, "closes_at": None}
    if user is None or not user.is_authenticated or parcel.status != "delivered":
        return result
    result["current"] = ReturnRequest.objects.filter(line=line, user=user).order_by("-pk").first()
    try:
        delivered = services.open_check(line=line, user=user)
    except (ValidationError, PermissionDenied):
        return result
    result["can_open"] = True
    result["closes_at"] = timezone.localtime(services.window_closes_at(delivered))
    return result


@register.inclusion_tag("complaints/policy_rules.html")
def complaints_policy():
    """The rules block of the complaints and returns policy page, printed from rules.py."""
    from marketplace.complaints.views import rules_context

    return rules_context()
