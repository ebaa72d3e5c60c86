"""load_demo's live sessions play our own generated clip, offline."""
import time
from pathlib import Path

import av
import pytest
from django.conf import settings
from django.test import Client

from livestream.demo import load_live
from livestream.media.demo import loop_playlist
from livestream.models import LiveSession, LiveStream
from tests.factories import product_on_sale

pytestmark = pytest.mark.django_db


def test_demo_live_and_replay_play_our_clip():
    product = product_on_sale()
    started = time.monotonic()
    load_live(log=lambda message: None)
    assert time.monotonic() - started < 15  # a few seconds of video: load_demo stays fast
    live = LiveSession.objects.get(status="live")
    ended = LiveSession.objects.get(status="ended")
    folder = Path(settings.MEDIA_ROOT) / "live"
    playlist = (folder / str(live.pk) / "live.m3u8").read_text()
    assert "seg-" in playlist and "#EXT-X-ENDLIST" not in playlist
    with av.open(str(folder / str(live.pk) / "seg-0.ts")) as container:
        assert {s.codec_context.name for s in container.streams} == {"h264", "aac"}
        frames = list(container.decode(video=0))
        assert len(frames) == 25 and frames[0].key_frame
    page = Client().get(f"/live/{live.pk}/").content.decode()
    assert f'data-src="/media/live/{live.pk}/live.m3u8"' in page and product.get_title() in page
    replay = Client().get(f"/live/{ended.pk}/").content.decode()
    assert f'data-src="/media/live/{ended.pk}/vod.m3u8"' in replay and 'data-offset="1"' in replay
    assert LiveStream.objects.get(session=ended).recording_ready


def test_loop_playlist_rolls_with_the_clock():
    segments = [{"name": f"seg-{i}.ts", "duration": 1.0} for i in range(6)]
    first, later = loop_playlist(segments, now=600, window=4), loop_playlist(segments, now=601, window=4)
    assert "#EXT-X-MEDIA-SEQUENCE:597" in first and "#EXT-X-MEDIA-SEQUENCE:598" in later
    assert first.strip().splitlines()[-1] == "seg-0.ts"  # 600 % 6 == 0: the clip starts again
    assert "#EXT-X-DISCONTINUITY\n" in first


def test_loop_playlist_counts_from_the_session_start_not_from_1970():
    """hls.js walks the discontinuity sequence from 0 on each reload: it must stay small."""
    segments = [{"name": f"seg-{i}.ts", "duration": 1.0} for i in range(6)]
    started = 1_796_685_000.0
    text = loop_playlist(segments, now=started + 600, window=4, origin=started)
    assert "#EXT-X-MEDIA-SEQUENCE:597" in text and "#EXT-X-DISCONTINUITY-SEQUENCE:99" in text
    just_started = loop_playlist(segments, now=started + 1, window=4, origin=started)
    assert "#EXT-X-MEDIA-SEQUENCE:0" in just_started
