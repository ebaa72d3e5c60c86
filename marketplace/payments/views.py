"""POST /webhooks/stripe/: verify the signature, record the event id once, dispatch by type."""
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.payments import services


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def stripe_webhook(request):
    if not settings.STRIPE_ENABLED:
        return HttpResponse(status=404)
    from marketplace.payments.stripe import gateway

    try:
        event = gateway.verify_webhook(request.body, request.headers.get("Stripe-Signature", ""))
    except gateway.SignatureError:
        # Nothing is written for a missing, wrong or stale signature.
        return HttpResponseBadRequest("invalid signature")
    if not isinstance(event.get("data", {}).get("object"), dict) or not event.get("id"):
        return HttpResponseBadRequest("malformed event")
    with transaction.atomic():
        if not services.stripe_event_record(event=event):
            return JsonResponse({"status": "duplicate"})
        outcome = services.stripe_event_handle(event=event)
    return JsonResponse({"status": "ok", "outcome": outcome})

