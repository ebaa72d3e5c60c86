"""The demo clip: a test card with the product's name and a running clock, made with PyAV
(H.264 + AAC tone), cut into HLS segments like a real stream. `load_demo` writes it for the
live demo session (the media process loops it into a rolling live playlist) and for the
ended one (its replay, with product markers). A few seconds of video: load_demo stays fast."""
import math
import time
from fractions import Fraction

import av
from django.conf import settings
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from livestream.media import paths
from livestream.media.encode import AudioEncoder, VideoTranscoder
from livestream.media.hls import TS_CLOCK, HlsWriter, live_playlist, write_file

WIDTH, HEIGHT, FPS = 640, 360, 25
BARS = [(192, 192, 192), (192, 192, 0), (0, 192, 192), (0, 192, 0), (192, 0, 192), (192, 0, 0), (0, 0, 192)]


def _font(size):
    for name in ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default()


def test_card(title, seconds):
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    width = WIDTH // len(BARS)
    for index, colour in enumerate(BARS):
        draw.rectangle([index * width, 0, (index + 1) * width, HEIGHT * 2 // 3], fill=colour)
    draw.rectangle([0, HEIGHT * 2 // 3, WIDTH, HEIGHT], fill=(20, 40, 30))
    draw.text((16, HEIGHT * 2 // 3 + 10), title[:40], fill="white", font=_font(24))
    clock = f"LIVE  {int(seconds) // 60:02d}:{seconds % 60:05.2f}"
    draw.text((16, HEIGHT * 2 // 3 + 52), clock, fill=(255, 220, 80), font=_font(30))
    sweep = int((seconds % 1) * WIDTH)
    draw.rectangle([sweep, HEIGHT * 2 // 3 - 8, sweep + 24, HEIGHT * 2 // 3], fill="white")
    return image


def write_clip(session_id, title, seconds=6):
    """Segments + index + VOD playlist of a `seconds` long clip; returns the segments."""
    writer = HlsWriter(session_id, target=1, window=settings.LIVE_PLAYLIST_SEGMENTS)
    writer.segments, writer.next_index, writer.discontinuity = [], 0, False
    writer.size, writer.frame_rate = (WIDTH, HEIGHT), FPS
    video = VideoTranscoder(WIDTH, HEIGHT, segment_seconds=1, bitrate=800_000, frame_rate=FPS, preset="ultrafast")
    audio = AudioEncoder()
    samples_per_frame = 48000 // FPS
    poster = None
    for index in range(seconds * FPS):
        at = index / FPS
        image = test_card(title, at)
        poster = poster or image
        for data, pts, key in video.encode(av.VideoFrame.from_image(image), int(at * TS_CLOCK)):
            writer.add_video(data, pts, key)
        tone = av.AudioFrame(format="s16", layout="stereo", samples=samples_per_frame)
        tone.sample_rate = 48000
        base = index * samples_per_frame
        pcm = bytearray()
        for i in range(samples_per_frame):
            value = int(2000 * math.sin(2 * math.pi * 440 * (base + i) / 48000)) if index % FPS < 3 else 0
            pcm += value.to_bytes(2, "little", signed=True) * 2
        plane = tone.planes[0]
        plane.update(bytes(pcm[: plane.buffer_size]).ljust(plane.buffer_size, b"\0"))
        for data, pts in audio.encode(tone, 0.0):
            writer.add_audio(data, pts)
    for data, pts, key in [(bytes(p), p.pts, p.is_keyframe) for p in video.context.encode(None)]:
        writer.add_video(data, pts, key)
    writer.end()
    import io

    buffer = io.BytesIO()
    poster.save(buffer, format="JPEG", quality=80)
    write_file(writer.storage, paths.path(session_id, paths.POSTER), buffer.getvalue())
    from livestream.media.services import save_text, vod_playlist

    save_text(session_id, paths.VOD_PLAYLIST, vod_playlist(writer.segments))
    return writer.segments


def loop_playlist(segments, now=None, window=None, origin=0.0):
    """The live demo: the clip's segments played round and round on the wall clock (the same
    files, a discontinuity at each wrap), as a rolling live playlist.

    Sequence numbers count seconds from ``origin`` (the session's start), not from 1970: hls.js
    walks the discontinuity sequence from 0 on every playlist reload, and at ~300 million (epoch
    seconds / clip length) that froze a phone's page for seconds at a time."""
    window = window or settings.LIVE_PLAYLIST_SEGMENTS
    now = time.time() if now is None else now
    count = len(segments)
    position = max(int(now - origin), window - 1)  # one-second segments; never a negative sequence
    shown = []
    for seq in range(position - window + 1, position + 1):
        segment = dict(segments[seq % count])
        segment["seq"] = seq
        segment["discontinuity"] = seq % count == 0
        shown.append(segment)
    discontinuity_sequence = (position - window + 1) // count
    text = live_playlist(shown, window)
    return text.replace("#EXT-X-DISCONTINUITY-SEQUENCE:0", f"#EXT-X-DISCONTINUITY-SEQUENCE:{discontinuity_sequence}")


def refresh_loops():
    """Called by the media process every second: rolls the live demo playlists."""
    from livestream.media.services import read_index
    from livestream.models import LiveSession, LiveStream

    rows = LiveStream.objects.filter(mode="demo", session__status=LiveSession.Status.LIVE).values_list(
        "session_id", "session__started_at"
    )
    for session_id, started_at in rows:
        segments = read_index(session_id).get("segments", [])
        if segments:
            text = loop_playlist(segments, origin=_origin(started_at))
            write_file(_storage(), paths.path(session_id, paths.LIVE_PLAYLIST), text.encode())
    return len(rows)


def _origin(started_at):
    return started_at.timestamp() if started_at else 0.0


def _storage():
    from django.core.files.storage import default_storage

    return default_storage


def load(session, title, *, live):
    """Write the clip for a demo session (idempotent: kept if already there)."""
    from livestream.media.services import read_index
    from livestream.models import LiveStream

    segments = read_index(session.pk).get("segments") or write_clip(session.pk, title)
    stream, _created = LiveStream.objects.get_or_create(session=session)
    LiveStream.objects.filter(pk=stream.pk).update(
        folder=paths.folder(session.pk), mode="demo", video_codec="H264", audio_codec="AAC", width=WIDTH, height=HEIGHT,
        segment_count=len(segments), duration=sum(s["duration"] for s in segments), poster=paths.POSTER,
        state=LiveStream.State.LIVE if live else LiveStream.State.ENDED, recording_ready=not live,
        heartbeat_at=timezone.now(),
    )
    if live:
        write_file(_storage(), paths.path(session.pk, paths.LIVE_PLAYLIST), loop_playlist(segments, origin=_origin(session.started_at)).encode())
    return segments
