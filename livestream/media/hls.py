"""The segmenter: encoded packets in (H.264 Annex B video, AAC audio), HLS out.

Segments are MPEG-TS files of about LIVE_SEGMENT_SECONDS, each starting on a video keyframe;
the live playlist is a rolling window of the newest segments, `index.json` lists every segment
(so the media process can resume after a restart), and the recording's VOD playlist is made
from that same list at the end (no second encode). Every write goes through Django's storage
API under the session's folder (`paths`).
"""
import io
import json
import logging
import math
import os
from fractions import Fraction

import av
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from livestream.media import paths

logger = logging.getLogger("livestream.media")
TS_CLOCK = 90000
TIME_BASE = Fraction(1, TS_CLOCK)
AAC_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350]


def nal_types(data):
    """NAL unit types of an Annex-B access unit."""
    types = []
    index = data.find(b"\x00\x00\x01")
    while index != -1 and index + 3 < len(data):
        types.append(data[index + 3] & 0x1F)
        index = data.find(b"\x00\x00\x01", index + 3)
    return types


def is_keyframe(data):
    types = nal_types(data)
    return 5 in types or 7 in types


def adts(payload, rate=48000, channels=2):
    """A raw AAC-LC frame with its 7-byte ADTS header (what MPEG-TS carries)."""
    rate_index = AAC_RATES.index(rate)
    length = len(payload) + 7
    header = bytes(
        [
            0xFF,
            0xF1,
            (1 << 6) | (rate_index << 2) | (channels >> 2),
            ((channels & 3) << 6) | (length >> 11),
            (length >> 3) & 0xFF,
            ((length & 7) << 5) | 0x1F,
            0xFC,
        ]
    )
    return header + bytes(payload)


def write_file(storage, name, data):
    """Replace a file atomically where the storage is a local folder (a viewer never sees a
    half-written playlist); object storage (S3) replaces on upload anyway."""
    if hasattr(storage, "path"):
        try:
            target = storage.path(name)
        except NotImplementedError:
            target = None
        if target:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            temporary = f"{target}.{os.getpid()}.tmp"
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, target)
            return
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(data))


def live_playlist(segments, window, ended=False):
    shown = segments[-window:] if window else segments
    target = max([math.ceil(settings.LIVE_SEGMENT_SECONDS)] + [int(round(s["duration"] + 0.5)) for s in shown])
    first = shown[0]["seq"] if shown else 0
    discontinuities = sum(1 for s in segments[: len(segments) - len(shown)] if s.get("discontinuity"))
    lines = [
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        f"#EXT-X-TARGETDURATION:{target}",
        f"#EXT-X-MEDIA-SEQUENCE:{first}",
        f"#EXT-X-DISCONTINUITY-SEQUENCE:{discontinuities}",
    ]
    for segment in shown:
        if segment.get("discontinuity") and segment is not shown[0]:
            lines.append("#EXT-X-DISCONTINUITY")
        lines.append(f"#EXTINF:{segment['duration']:.3f},")
        lines.append(segment["name"])
    if ended:
        lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"


class HlsWriter:
    """One per session in the media process; survives a publisher's reconnection."""

    def __init__(self, session_id, storage=None, target=None, window=None):
        self.session_id = int(session_id)
        self.storage = storage or default_storage
        self.target = target or settings.LIVE_SEGMENT_SECONDS
        self.window = window or settings.LIVE_PLAYLIST_SEGMENTS
        index = self._read_index()
        self.segments = index.get("segments", [])
        self.next_index = index.get("next", len(self.segments))
        self.discontinuity = bool(self.segments)  # resuming an earlier stream
        self.pending = []  # (pts, kind, data, keyframe) of the segment being built
        self.start_pts = None
        self.last_video_pts = None
        self.size = (0, 0)
        self.frame_rate = 30
        self.bytes_written = 0

    # -- state ------------------------------------------------------------------------------

    def _read_index(self):
        name = paths.path(self.session_id, paths.INDEX)
        try:
            if self.storage.exists(name):
                with self.storage.open(name) as handle:
                    return json.loads(handle.read().decode())
        except (OSError, ValueError):
            logger.exception("live %s: unreadable media index, starting afresh", self.session_id)
        return {}

    @property
    def duration(self):
        return sum(segment["duration"] for segment in self.segments)

    @property
    def end_pts(self):
        """Where the next connection's timeline starts (seconds)."""
        if self.last_video_pts is not None:
            return self.last_video_pts / TS_CLOCK + 1 / self.frame_rate
        if self.segments:
            return self.segments[-1].get("end", self.duration)
        return 0.0

    def mark_discontinuity(self):
        self.flush()
        self.discontinuity = True

    # -- input ------------------------------------------------------------------------------

    def add_video(self, data, pts, keyframe=None):
        """`pts` in 1/90000 s. Returns the segments finished by this packet."""
        keyframe = is_keyframe(data) if keyframe is None else keyframe
        finished = []
        if self.start_pts is None:
            if not keyframe:
                return finished  # a segment starts on a keyframe
            self.start_pts = pts
        elif keyframe and pts - self.start_pts >= self.target * TS_CLOCK * 0.9:
            finished.append(self._finish(pts))
            self.start_pts = pts
        self.pending.append((pts, 0, bytes(data), keyframe))
        self.last_video_pts = pts
        return finished

    def add_audio(self, adts_frame, pts):
        if self.start_pts is None:
            return  # audio before the first keyframe has nothing to go with
        self.pending.append((pts, 1, adts_frame, False))

    def flush(self):
        if self.start_pts is None or not any(kind == 0 for _pts, kind, _d, _k in self.pending):
            self.pending = []
            self.start_pts = None
            return None
        end = self.last_video_pts + int(TS_CLOCK / self.frame_rate)
        segment = self._finish(end)
        self.start_pts = None
        return segment

    def end(self):
        """The publisher is gone for good: last segment, live playlist closed with ENDLIST."""
        self.flush()
        write_file(self.storage, paths.path(self.session_id, paths.LIVE_PLAYLIST), live_playlist(self.segments, self.window, ended=True).encode())

    # -- output -----------------------------------------------------------------------------

    def _mux(self, packets):
        buffer = io.BytesIO()
        with av.open(buffer, "w", format="mpegts") as output:
            width, height = self.size
            video = output.add_mux_stream("h264", rate=self.frame_rate, width=width, height=height)
            video.time_base = TIME_BASE
            audio = None
            if any(kind == 1 for _p, kind, _d, _k in packets):
                audio = output.add_mux_stream("aac", rate=48000)
                audio.time_base = TIME_BASE
            for pts, kind, data, keyframe in sorted(packets, key=lambda p: (p[0], p[1])):
                packet = av.Packet(data)
                packet.pts = packet.dts = max(0, pts)
                packet.time_base = TIME_BASE
                packet.is_keyframe = keyframe
                packet.stream = video if kind == 0 else audio
                output.mux(packet)
        return buffer.getvalue()

    def _finish(self, end_pts):
        packets = self.pending
        self.pending = []
        index = self.next_index
        self.next_index += 1
        name = paths.segment_name(index)
        data = self._mux(packets)
        write_file(self.storage, paths.path(self.session_id, name), data)
        self.bytes_written += len(data)
        segment = {
            "name": name,
            "seq": index,
            "duration": round(max(0.001, (end_pts - self.start_pts) / TS_CLOCK), 3),
            "end": round(end_pts / TS_CLOCK, 3),
            "bytes": len(data),
        }
        if self.discontinuity:
            segment["discontinuity"] = True
            self.discontinuity = False
        self.segments.append(segment)
        write_file(
            self.storage,
            paths.path(self.session_id, paths.INDEX),
            json.dumps({"segments": self.segments, "next": self.next_index}).encode(),
        )
        write_file(self.storage, paths.path(self.session_id, paths.LIVE_PLAYLIST), live_playlist(self.segments, self.window).encode())
        return segment
