"""Decisions about our own live video, shared by the web process and the media process.

The web process: who may publish (the host's login or the session's bearer token), the WHIP
hand-off (write the offer, wait for the media process's answer), stop, token rotation, the
recording's deletion. Both: playlist URLs, finalising a recording, the retention clean-up
(plain functions: a periodic task calls `recordings_cleanup`).
"""
import datetime
import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from livestream import selectors
from livestream.media import paths
from livestream.models import LiveSession, LiveStream
from livestream.services import LiveError

logger = logging.getLogger("livestream.media")

MAX_SDP_BYTES = 64 * 1024
#: A publisher whose media process has not written a heartbeat for this long is gone.
HEARTBEAT_STALE_SECONDS = 10
ACCEPTED_VIDEO = {"H264", "VP8"}


# --- the stream row and its token ------------------------------------------------------------


def stream_for(session):
    stream, _created = LiveStream.objects.get_or_create(session=session, defaults={"folder": paths.folder(session.pk)})
    return stream


def _token_of(session_id, nonce):
    message = f"live-whip:{session_id}:{nonce}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:40]


def token_for(stream):
    """The session's current bearer token (an HMAC of a stored nonce: shown to the host, never stored)."""
    if not stream.token_nonce:
        stream.token_nonce = secrets.token_hex(16)
        stream.token_created_at = timezone.now()
        stream.save(update_fields=["token_nonce", "token_created_at", "updated_at"])
    return _token_of(stream.session_id, stream.token_nonce)


def token_expires_at(stream):
    if not stream.token_created_at:
        return None
    return stream.token_created_at + datetime.timedelta(days=settings.LIVE_TOKEN_DAYS)


def token_rotate(*, session, user):
    """"Tạo mã mới": the old token stops working at once."""
    if not selectors.can_host(user, session):
        raise LiveError("forbidden", _("Chỉ người tổ chức phiên live mới được làm việc này."), status=403)
    stream = stream_for(session)
    stream.token_nonce = secrets.token_hex(16)
    stream.token_created_at = timezone.now()
    stream.save(update_fields=["token_nonce", "token_created_at", "updated_at"])
    logger.info("live %s: publishing token rotated by user %s", session.pk, user.pk)
    return _token_of(session.pk, stream.token_nonce)


def token_valid(stream, token):
    if not token or not stream.token_nonce:
        return False
    expires = token_expires_at(stream)
    if expires is not None and expires < timezone.now():
        return False
    return hmac.compare_digest(_token_of(stream.session_id, stream.token_nonce), token)


def bearer(request):
    header = request.headers.get("Authorization", "")
    scheme, _sep, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def authorise_publisher(*, session, user, token):
    """The token (OBS) or the host's own login (the phone page). Raises LiveError 401/403."""
    stream = stream_for(session)
    if token is not None:
        if not token_valid(stream, token):
            raise LiveError("bad_token", _("Mã phát không đúng hoặc đã hết hạn."), status=401)
        return stream
    if user is None or not user.is_authenticated:
        raise LiveError("login_required", _("Cần mã phát (Bearer) hoặc đăng nhập bằng tài khoản người tổ chức."), status=401)
    if not selectors.can_host(user, session):
        raise LiveError("forbidden", _("Chỉ người tổ chức phiên live mới được phát."), status=403)
    return stream


# --- SDP -------------------------------------------------------------------------------------


def check_offer(body, content_type):
    """A WHIP offer we can answer, else LiveError 400/415 with the reason."""
    if (content_type or "").split(";")[0].strip().lower() != "application/sdp":
        raise LiveError("bad_content_type", _("Offer phải có Content-Type: application/sdp."), status=415)
    if len(body) > MAX_SDP_BYTES:
        raise LiveError("sdp_too_large", _("SDP quá lớn (tối đa 64 KiB)."))
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise LiveError("bad_sdp", _("SDP không phải văn bản UTF-8."))
    if not text.startswith("v=0"):
        raise LiveError("bad_sdp", _("SDP không hợp lệ: phải bắt đầu bằng v=0."))
    from aiortc.sdp import SessionDescription  # parsing only: no event loop in the web process

    try:
        description = SessionDescription.parse(text)
    except Exception as error:  # aiortc raises ValueError/KeyError/IndexError on bad lines
        raise LiveError("bad_sdp", _("SDP không hợp lệ: %(error)s") % {"error": str(error)[:120] or type(error).__name__})
    videos = [m for m in description.media if m.kind == "video"]
    if not videos:
        raise LiveError("no_video", _("SDP không có luồng video."))
    codecs = {codec.name.upper() for media in videos for codec in media.rtp.codecs}
    if not codecs & ACCEPTED_VIDEO:
        raise LiveError(
            "no_codec", _("Không có mã hoá video được hỗ trợ (cần H264 hoặc VP8), nhận được: %(c)s") % {"c": ", ".join(sorted(codecs)) or "—"}
        )
    for media in description.media:
        if not media.ice.usernameFragment:
            raise LiveError("bad_sdp", _("SDP thiếu thông tin ICE (ice-ufrag)."))
        if media.dtls is None or not media.dtls.fingerprints:
            raise LiveError("bad_sdp", _("SDP thiếu dấu vân tay DTLS (a=fingerprint)."))
    return text


# --- WHIP: hand the offer to the media process, wait for its answer ---------------------------


def _publisher_active(stream, now):
    if not stream.resource or stream.stop_requested:
        return False
    if stream.state == LiveStream.State.CONNECTING and stream.requested_at:
        return (now - stream.requested_at).total_seconds() < settings.LIVE_WHIP_ANSWER_SECONDS + HEARTBEAT_STALE_SECONDS
    if stream.state == LiveStream.State.LIVE and stream.heartbeat_at:
        return (now - stream.heartbeat_at).total_seconds() < HEARTBEAT_STALE_SECONDS
    return False


def publish_offer(*, session_id, user, token, body, content_type):
    """Checks everything, stores the offer for the media process; returns the resource id."""
    try:
        session = LiveSession.objects.select_related("partner").get(pk=session_id)
    except LiveSession.DoesNotExist:
        raise LiveError("not_found", _("Không tìm thấy phiên live."), status=404)
    authorise_publisher(session=session, user=user, token=token)
    if session.status not in (LiveSession.Status.SCHEDULED, LiveSession.Status.LIVE):
        raise LiveError("bad_status", _("Phiên live đã kết thúc hoặc đã huỷ."), status=409)
    if session.stream_url or session.embed_url:
        raise LiveError("external_source", _("Phiên này dùng nguồn video bên ngoài."), status=409)
    sdp = check_offer(body, content_type)
    resource = uuid.uuid4().hex
    stream_id = stream_for(session).pk
    with transaction.atomic():
        # Write first: the row lock on PostgreSQL, and on SQLite the write lock taken up front
        # (a transaction that reads, then writes, fails at once when the media process writes).
        LiveStream.objects.filter(pk=stream_id).update(updated_at=timezone.now())
        stream = LiveStream.objects.select_for_update().get(pk=stream_id)
        now = timezone.now()
        if _publisher_active(stream, now):
            raise LiveError("already_publishing", _("Phiên này đang có người phát."), status=409)
        if stream.state == LiveStream.State.ENDED:
            raise LiveError("bad_status", _("Phiên live đã kết thúc."), status=409)
        stream.resource = resource
        stream.offer_sdp = sdp
        stream.answer_sdp = ""
        stream.error = ""
        stream.stop_requested = False
        stream.requested_at = now
        if stream.state == LiveStream.State.IDLE:
            stream.state = LiveStream.State.CONNECTING
        stream.save()
    logger.info("live %s: WHIP offer %s from %s", session_id, resource, "token" if token else f"user {user.pk}")
    return resource


def wait_answer(*, session_id, resource, timeout=None):
    """The media process's answer (polled: the two processes share only the database)."""
    deadline = time.monotonic() + (settings.LIVE_WHIP_ANSWER_SECONDS if timeout is None else timeout)
    while time.monotonic() < deadline:
        row = LiveStream.objects.filter(session_id=session_id).values("resource", "answer_sdp", "error").first()
        if not row or row["resource"] != resource:
            raise LiveError("superseded", _("Một kết nối phát khác đã thay thế kết nối này."), status=409)
        if row["error"]:
            raise LiveError("media_refused", row["error"], status=400)
        if row["answer_sdp"]:
            return row["answer_sdp"]
        time.sleep(0.05)
    LiveStream.objects.filter(session_id=session_id, resource=resource, answer_sdp="").update(
        resource="", offer_sdp="", state=LiveStream.State.IDLE
    )
    logger.error("live %s: no answer from the media process within the timeout", session_id)
    raise LiveError("media_unavailable", _("Máy chủ video chưa sẵn sàng, vui lòng thử lại sau."), status=503)


def publish_stop(*, session_id, resource, user, token):
    """WHIP DELETE: the publisher ends its broadcast (the media process finalises it)."""
    try:
        session = LiveSession.objects.select_related("partner").get(pk=session_id)
    except LiveSession.DoesNotExist:
        raise LiveError("not_found", _("Không tìm thấy phiên live."), status=404)
    authorise_publisher(session=session, user=user, token=token)
    updated = LiveStream.objects.filter(session=session, resource=resource).exclude(resource="").update(
        stop_requested=True, updated_at=timezone.now()
    )
    if not updated:
        raise LiveError("unknown_resource", _("Không tìm thấy kết nối phát này."), status=404)
    logger.info("live %s: WHIP resource %s deleted", session_id, resource)


# --- what pages show ------------------------------------------------------------------------


def media_url(session_id, name):
    return default_storage.url(paths.path(session_id, name))


def sources(session):
    """What the viewer page plays: our HLS (live or the recording), or None (external source)."""
    if session.stream_url or session.embed_url:
        return None
    stream = LiveStream.objects.filter(session=session).first()
    result = {"live": media_url(session.pk, paths.LIVE_PLAYLIST), "replay": None, "poster": None, "state": "idle"}
    if stream is not None:
        result["state"] = stream.state
        if stream.poster and not stream.recording_deleted_at:
            result["poster"] = media_url(session.pk, paths.POSTER)
        if stream.recording_ready and not stream.recording_deleted_at:
            result["replay"] = media_url(session.pk, paths.VOD_PLAYLIST)
    return result


# --- recordings --------------------------------------------------------------------------------


def read_index(session_id):
    name = paths.path(session_id, paths.INDEX)
    if not default_storage.exists(name):
        return {"segments": [], "next": 0}
    with default_storage.open(name) as handle:
        return json.loads(handle.read().decode())


def vod_playlist(segments):
    target = max([1] + [int(round(s["duration"] + 0.5)) for s in segments])
    lines = ["#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-PLAYLIST-TYPE:VOD", f"#EXT-X-TARGETDURATION:{target}", "#EXT-X-MEDIA-SEQUENCE:0"]
    for segment in segments:
        if segment.get("discontinuity"):
            lines.append("#EXT-X-DISCONTINUITY")
        lines.append(f"#EXTINF:{segment['duration']:.3f},")
        lines.append(segment["name"])
    lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"


def save_text(session_id, name, text):
    from django.core.files.base import ContentFile

    target = paths.path(session_id, name)
    if default_storage.exists(target):
        default_storage.delete(target)
    default_storage.save(target, ContentFile(text.encode()))


def recording_finalise(*, session_id):
    """The replay: a VOD playlist of the segments already written (no second encode).
    Idempotent; returns the number of segments in the recording."""
    index = read_index(session_id)
    segments = index.get("segments", [])
    stream = LiveStream.objects.filter(session_id=session_id).first()
    if stream is None or stream.recording_deleted_at:
        return 0
    if segments:
        save_text(session_id, paths.VOD_PLAYLIST, vod_playlist(segments))
    LiveStream.objects.filter(pk=stream.pk).update(recording_ready=bool(segments), updated_at=timezone.now())
    return len(segments)


def _delete_folder(session_id):
    folder = paths.folder(session_id)
    try:
        _dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    deleted = 0
    for name in files:
        if paths.NAME_RE.fullmatch(name):
            default_storage.delete(f"{folder}/{name}")
            deleted += 1
    return deleted


def recording_delete(*, session, user):
    """The host deletes the recording (segments, playlists, poster)."""
    if not selectors.can_host(user, session):
        raise LiveError("forbidden", _("Chỉ người tổ chức phiên live mới được làm việc này."), status=403)
    if session.status == LiveSession.Status.LIVE:
        raise LiveError("still_live", _("Không thể xoá bản ghi khi phiên đang phát."), status=409)
    deleted = _delete_folder(session.pk)
    LiveStream.objects.filter(session=session).update(
        recording_ready=False, recording_deleted_at=timezone.now(), poster="", updated_at=timezone.now()
    )
    logger.info("live %s: recording deleted by user %s (%s files)", session.pk, user.pk, deleted)
    return deleted


def recordings_cleanup(*, now=None):
    """Retention: recordings of sessions ended more than LIVE_RECORDING_RETENTION_DAYS ago are
    deleted. Returns the number of recordings removed (for a periodic task)."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.LIVE_RECORDING_RETENTION_DAYS)
    rows = LiveStream.objects.filter(
        recording_deleted_at__isnull=True, session__status=LiveSession.Status.ENDED, session__ended_at__lt=cutoff
    ).exclude(folder="")
    removed = 0
    for stream in rows:
        _delete_folder(stream.session_id)
        LiveStream.objects.filter(pk=stream.pk).update(recording_ready=False, recording_deleted_at=now, poster="")
        removed += 1
    if removed:
        logger.info("live recordings: %s removed by retention (%s days)", removed, settings.LIVE_RECORDING_RETENTION_DAYS)
    return removed


def host_console(request, session):
    """What the host console shows for our own video: WHIP URL, token, stream state, recording."""
    if session.stream_url or session.embed_url:
        return {"own_media": None}
    from django.urls import reverse

    stream = stream_for(session)
    return {
        "own_media": sources(session),
        "stream": stream,
        "whip_url": request.build_absolute_uri(reverse("livestream:whip", args=[session.pk])),
        "whip_token": token_for(stream),
        "whip_token_expires": token_expires_at(stream),
        "ice_servers": json.dumps(settings.LIVE_ICE_SERVERS),
        "max_bitrate": settings.LIVE_MAX_BITRATE,
        "max_width": settings.LIVE_MAX_WIDTH,
        "max_height": settings.LIVE_MAX_HEIGHT,
    }
