"""WHIP (RFC 9725) endpoints and the host's stream controls. Thin: `media.services` decides.

The WHIP POST/DELETE carry no CSRF token: a cross-site page cannot send `application/sdp`
without a CORS preflight (which we never answer), and OBS authenticates with its bearer token.
"""
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from livestream.media import services as media
from livestream.models import LiveSession
from livestream.services import LiveError

logger = logging.getLogger("livestream.media")


def _refusal(error, request, session_id):
    logger.warning(
        "live %s: WHIP %s refused (%s %s) from %s", session_id, request.method, error.status, error.code,
        request.META.get("REMOTE_ADDR"),
    )
    response = HttpResponse(error.message, status=error.status, content_type="text/plain; charset=utf-8")
    if error.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="whip"'
    return response


def _user(request):
    return request.user if request.user.is_authenticated else None


@csrf_exempt
@transaction.non_atomic_requests
def whip(request, pk):
    """POST an SDP offer → 201 Created, the SDP answer, Location of the resource."""
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        response["Allow"] = "OPTIONS, POST"
        return response
    if request.method != "POST":
        response = HttpResponse(_("Chỉ nhận POST (WHIP)."), status=405, content_type="text/plain; charset=utf-8")
        response["Allow"] = "OPTIONS, POST"
        return response
    try:
        resource = media.publish_offer(
            session_id=pk, user=_user(request), token=media.bearer(request), body=request.body,
            content_type=request.META.get("CONTENT_TYPE", ""),
        )
        answer = media.wait_answer(session_id=pk, resource=resource)
    except LiveError as error:
        return _refusal(error, request, pk)
    response = HttpResponse(answer, status=201, content_type="application/sdp")
    response["Location"] = reverse("livestream:whip_resource", args=[pk, resource])
    response["ETag"] = f'"{resource}"'
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
@transaction.non_atomic_requests
def whip_resource(request, pk, resource):
    """DELETE ends the broadcast; PATCH (trickle ICE/ICE restart) is not supported: 405."""
    if request.method != "DELETE":
        response = HttpResponse(_("Chỉ nhận DELETE."), status=405, content_type="text/plain; charset=utf-8")
        response["Allow"] = "DELETE"
        return response
    try:
        media.publish_stop(session_id=pk, resource=resource, user=_user(request), token=media.bearer(request))
    except LiveError as error:
        return _refusal(error, request, pk)
    return HttpResponse(status=200)


@require_POST
@login_required
def token_rotate(request, pk):
    session = LiveSession.objects.select_related("partner").filter(pk=pk).first()
    if session is None:
        return HttpResponse(status=404)
    try:
        media.token_rotate(session=session, user=request.user)
    except LiveError as error:
        return HttpResponse(error.message, status=error.status)
    messages.success(request, _("Đã tạo mã phát mới: mã cũ không còn dùng được."))
    return redirect("livestream:host", pk=pk)


@require_POST
@login_required
def recording_delete(request, pk):
    session = LiveSession.objects.select_related("partner").filter(pk=pk).first()
    if session is None:
        return HttpResponse(status=404)
    try:
        media.recording_delete(session=session, user=request.user)
    except LiveError as error:
        messages.error(request, error.message)
        if error.status == 403:
            return HttpResponse(error.message, status=403)
    else:
        messages.success(request, _("Đã xoá bản ghi của phiên live."))
    return redirect("livestream:host", pk=pk)
