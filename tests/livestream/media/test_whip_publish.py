"""Integration: an aiortc client publishes synthetic audio + video over WHIP; the media
process answers, writes a live playlist and segments; we decode them with PyAV."""
import asyncio
import json
import time
from pathlib import Path

import av
import pytest
from django.conf import settings
from django.test import Client

from livestream.models import LiveSession, LiveStream
from tests.factories.livestream import LiveSessionFactory, host_user
from tests.livestream.media import publisher

pytestmark = pytest.mark.django_db(transaction=True)


def folder(session):
    return Path(settings.MEDIA_ROOT) / "live" / str(session.pk)


def wait_for(condition, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def segments(session):
    index = folder(session) / "index.json"
    return json.loads(index.read_text())["segments"] if index.exists() else []


async def publish(client, session, codec, headers=None):
    pc, offer = await publisher.offer(codec)
    response = await asyncio.to_thread(
        client.post, f"/live/{session.pk}/whip/", data=offer, content_type="application/sdp", **(headers or {})
    )
    assert response.status_code == 201, response.content
    assert response["Content-Type"] == "application/sdp"
    answer = response.content.decode()
    # The answer caps what the publisher may send (LIVE_MAX_BITRATE), on the video section only.
    before_video, video_section = answer.split("m=video", 1)
    assert "b=TIAS:2500000" in video_section and "b=TIAS" not in before_video
    await publisher.accept(pc, answer)
    return pc, response["Location"]


def check_segment(path):
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        assert video.codec_context.name == "h264"
        assert container.streams.audio[0].codec_context.name == "aac"
        first = next(container.demux(video))
        assert first.is_keyframe
    with av.open(str(path)) as container:
        frames = list(container.decode(video=0))
        assert frames and frames[0].width == 640 and frames[0].height == 360
        return (frames[-1].time - frames[0].time) + 1 / 30


@pytest.mark.parametrize("codec, mode", [("video/H264", "remux"), ("video/VP8", "transcode")])
def test_publish_writes_hls_that_decodes(media_server, client_loop, codec, mode):
    session = LiveSessionFactory(stream_url="")
    host = host_user(session)
    client = Client()
    client.force_login(host)

    pc, location = client_loop.run(publish(client, session, codec))
    assert location == f"/live/{session.pk}/whip/{LiveStream.objects.get(session=session).resource}/"
    wait_for(lambda: len(segments(session)) >= 3, 90)
    # "Go live" followed the media: the first segment made the scheduled session live.
    session.refresh_from_db()
    assert session.status == LiveSession.Status.LIVE
    playlist = (folder(session) / "live.m3u8").read_text()
    assert "#EXT-X-TARGETDURATION:" in playlist and "seg-1.ts" in playlist
    for segment in segments(session)[:2]:
        assert 0.5 <= segment["duration"] <= 2.5
        decoded = check_segment(folder(session) / segment["name"])
        assert abs(decoded - segment["duration"]) < 0.2
    assert (folder(session) / "poster.jpg").stat().st_size > 1000
    stream = wait_for(lambda: LiveStream.objects.filter(session=session, mode=mode).first())
    assert stream.audio_codec == "AAC"

    # WHIP DELETE ends the broadcast: the recording is finalised and the session ends.
    response = client.delete(location)
    assert response.status_code == 200
    wait_for(lambda: LiveSession.objects.get(pk=session.pk).status == LiveSession.Status.ENDED)
    stream = wait_for(lambda: LiveStream.objects.filter(session=session, recording_ready=True).first())
    vod = (folder(session) / "vod.m3u8").read_text()
    assert "#EXT-X-PLAYLIST-TYPE:VOD" in vod and vod.rstrip().endswith("#EXT-X-ENDLIST")
    assert vod.count(".ts") == stream.segment_count == len(segments(session))
    assert (folder(session) / "live.m3u8").read_text().rstrip().endswith("#EXT-X-ENDLIST")
    client_loop.run(pc.close())
