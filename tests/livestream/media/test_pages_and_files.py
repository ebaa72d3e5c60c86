"""What viewers and hosts see of our own video, how its files are served, and the
recording's life (finalise, host deletion, retention)."""
import datetime
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.test import Client
from django.utils import timezone

from livestream.media import services as media
from livestream.media.serve import LiveMediaApp
from livestream.models import LiveSession, LiveStream
from tests.factories import UserFactory
from tests.factories.livestream import LiveSessionFactory, host_user

pytestmark = pytest.mark.django_db


def write_recording(session, count=3):
    folder = Path(settings.MEDIA_ROOT) / "live" / str(session.pk)
    folder.mkdir(parents=True, exist_ok=True)
    segments = []
    for index in range(count):
        (folder / f"seg-{index}.ts").write_bytes(b"G" * 188)
        segments.append({"name": f"seg-{index}.ts", "seq": index, "duration": 1.0})
    import json

    (folder / "index.json").write_text(json.dumps({"segments": segments, "next": count}))
    (folder / "live.m3u8").write_text("#EXTM3U\n")
    (folder / "poster.jpg").write_bytes(b"\xff\xd8jpeg")
    return folder


def test_viewer_page_plays_our_hls_muted_with_unmute_button():
    session = LiveSessionFactory(stream_url="")
    page = Client().get(f"/live/{session.pk}/").content.decode()
    assert f'data-src="/media/live/{session.pk}/live.m3u8"' in page
    assert 'data-own="1"' in page and "muted autoplay" in page
    assert "Bật tiếng" in page and "Đang chờ người dẫn bắt đầu phát" in page
    assert "vendor/hls/hls.min.js" in page


def test_reconnecting_stream_says_so():
    session = LiveSessionFactory(stream_url="", status=LiveSession.Status.LIVE)
    LiveStream.objects.create(session=session, state=LiveStream.State.RECONNECTING)
    page = Client().get(f"/live/{session.pk}/").content.decode()
    assert "Đang kết nối lại…" in page


def test_external_source_stays_possible():
    session = LiveSessionFactory(stream_url="https://stream.example.vn/a.m3u8")
    page = Client().get(f"/live/{session.pk}/").content.decode()
    assert 'data-src="https://stream.example.vn/a.m3u8"' in page and 'data-own="1"' not in page


def test_live_page_csp_allows_blob_media_other_pages_do_not():
    session = LiveSessionFactory(stream_url="")
    live = Client().get(f"/live/{session.pk}/")["Content-Security-Policy"]
    other = Client().get("/live/")["Content-Security-Policy"]
    media_src = next(part for part in live.split(";") if part.strip().startswith("media-src"))
    assert "blob:" in media_src and "'self'" in media_src
    assert "blob:" not in next(part for part in other.split(";") if part.strip().startswith("media-src"))


def test_host_console_shows_whip_url_token_and_phone_button():
    session = LiveSessionFactory(stream_url="")
    client = Client()
    client.force_login(host_user(session))
    page = client.get(f"/live/{session.pk}/host/").content.decode()
    token = media.token_for(LiveStream.objects.get(session=session))
    assert "Phát trực tiếp từ điện thoại" in page
    assert f"http://testserver/live/{session.pk}/whip/" in page and token in page
    assert "Tạo mã mới" in page and "livestream/publish.js" in page
    client.post(f"/live/{session.pk}/token/")
    assert media.token_for(LiveStream.objects.get(session=session)) != token


def test_stranger_cannot_rotate_token_or_delete_recording():
    session = LiveSessionFactory(stream_url="")
    client = Client()
    client.force_login(UserFactory())
    assert client.post(f"/live/{session.pk}/token/").status_code == 403
    assert client.post(f"/live/{session.pk}/recording/delete/").status_code == 403


def asgi_get(path, method="GET"):
    sent = []

    async def fallback(scope, receive, send):
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b"django"})

    async def receive():
        return {"type": "http.request"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "path": path, "method": method, "headers": []}
    async_to_sync(LiveMediaApp(fallback))(scope, receive, send)
    headers = {k.decode(): v.decode() for k, v in sent[0].get("headers", [])}
    return sent[0]["status"], headers, sent[1]["body"]


def test_media_files_have_cdn_friendly_headers():
    session = LiveSessionFactory(stream_url="")
    write_recording(session)
    status, headers, body = asgi_get(f"/media/live/{session.pk}/live.m3u8")
    assert status == 200 and headers["cache-control"] == "public, max-age=1"
    assert headers["content-type"] == "application/vnd.apple.mpegurl"
    status, headers, body = asgi_get(f"/media/live/{session.pk}/seg-1.ts")
    assert status == 200 and "immutable" in headers["cache-control"] and headers["content-type"] == "video/mp2t"
    assert body == b"G" * 188
    assert asgi_get(f"/media/live/{session.pk}/index.json")[0] == 404
    assert asgi_get(f"/media/live/{session.pk}/../../etc/passwd")[0] == 404
    assert asgi_get(f"/media/live/{session.pk}/seg-9.ts")[0] == 404
    assert asgi_get("/media/live/x/live.m3u8")[0] == 404
    assert asgi_get("/live/1/")[0] == 299  # everything else goes to Django


def test_replay_is_a_vod_playlist_of_the_same_segments_and_host_can_delete_it():
    session = LiveSessionFactory(stream_url="", status=LiveSession.Status.ENDED, ended_at=timezone.now())
    LiveStream.objects.create(session=session, folder=f"live/{session.pk}", poster="poster.jpg", state="ended")
    folder = write_recording(session)
    assert media.recording_finalise(session_id=session.pk) == 3
    vod = (folder / "vod.m3u8").read_text()
    assert vod.count("#EXTINF:1.000,") == 3 and "seg-2.ts" in vod and "#EXT-X-ENDLIST" in vod
    page = Client().get(f"/live/{session.pk}/").content.decode()
    assert f'data-src="/media/live/{session.pk}/vod.m3u8"' in page
    assert f'poster="/media/live/{session.pk}/poster.jpg"' in page

    client = Client()
    client.force_login(host_user(session))
    assert "Xoá bản ghi" in client.get(f"/live/{session.pk}/host/").content.decode()
    client.post(f"/live/{session.pk}/recording/delete/")
    assert not any(folder.iterdir())
    assert "Bản ghi của phiên này chưa sẵn sàng" in Client().get(f"/live/{session.pk}/").content.decode()


def test_retention_removes_old_recordings_only(settings):
    settings.LIVE_RECORDING_RETENTION_DAYS = 30
    old = LiveSessionFactory(stream_url="", status=LiveSession.Status.ENDED, ended_at=timezone.now() - datetime.timedelta(days=31))
    recent = LiveSessionFactory(stream_url="", status=LiveSession.Status.ENDED, ended_at=timezone.now() - datetime.timedelta(days=2))
    for session in (old, recent):
        LiveStream.objects.create(session=session, folder=f"live/{session.pk}", recording_ready=True)
        write_recording(session)
    assert media.recordings_cleanup() == 1
    assert not (Path(settings.MEDIA_ROOT) / "live" / str(old.pk) / "seg-0.ts").exists()
    assert (Path(settings.MEDIA_ROOT) / "live" / str(recent.pk) / "seg-0.ts").exists()
    assert LiveStream.objects.get(session=old).recording_deleted_at is not None
    assert media.recordings_cleanup() == 0
