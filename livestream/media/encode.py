"""Encoders kept for the whole stream (one per session in the media process): H.264 for
video that cannot be remuxed (VP8, or larger than the resolution cap), AAC for audio (WebRTC
sends Opus). Their output goes to `hls.HlsWriter` with timestamps in 1/90000 s."""
from fractions import Fraction

import av
from av.video.frame import PictureType
from django.conf import settings

from livestream.media.hls import TS_CLOCK, adts

AUDIO_RATE = 48000


def fit(width, height, max_width=None, max_height=None):
    """The size under the resolution cap, aspect kept, even numbers (yuv420p)."""
    max_width = max_width or settings.LIVE_MAX_WIDTH
    max_height = max_height or settings.LIVE_MAX_HEIGHT
    scale = min(1.0, max_width / width, max_height / height)
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


class VideoTranscoder:
    """Decoded frames → H.264 (libx264, zero latency) with a keyframe every segment."""

    def __init__(self, width, height, segment_seconds=None, bitrate=None, frame_rate=30, preset="veryfast"):
        self.width, self.height = fit(width, height)
        self.segment = (segment_seconds or settings.LIVE_SEGMENT_SECONDS) * TS_CLOCK
        self.context = av.CodecContext.create("libx264", "w")
        self.context.width = self.width
        self.context.height = self.height
        self.context.pix_fmt = "yuv420p"
        self.context.time_base = Fraction(1, TS_CLOCK)
        self.context.framerate = Fraction(frame_rate, 1)
        self.context.bit_rate = bitrate or settings.LIVE_MAX_BITRATE
        self.context.gop_size = 10 * frame_rate
        self.context.options = {"preset": preset, "tune": "zerolatency", "repeat-headers": "1"}
        self.last_key = None

    def encode(self, frame, pts):
        """(data, pts, keyframe) packets for one decoded frame (`pts` in 1/90000 s)."""
        if frame.width != self.width or frame.height != self.height or frame.format.name != "yuv420p":
            frame = frame.reformat(width=self.width, height=self.height, format="yuv420p")
        frame.pts = pts
        frame.time_base = Fraction(1, TS_CLOCK)
        if self.last_key is None or pts - self.last_key >= self.segment - TS_CLOCK / 60:
            frame.pict_type = PictureType.I
            self.last_key = pts
        else:
            frame.pict_type = PictureType.NONE
        return [(bytes(packet), packet.pts, packet.is_keyframe) for packet in self.context.encode(frame)]


class AudioEncoder:
    """Decoded audio (any layout/rate) → AAC-LC 48 kHz stereo, ADTS framed."""

    def __init__(self, bitrate=96000):
        self.context = av.CodecContext.create("aac", "w")
        self.context.sample_rate = AUDIO_RATE
        self.context.layout = "stereo"
        self.context.format = "fltp"
        self.context.bit_rate = bitrate
        self.context.time_base = Fraction(1, AUDIO_RATE)
        self.resampler = av.AudioResampler(format="fltp", layout="stereo", rate=AUDIO_RATE, frame_size=1024)
        self.start = None  # seconds on the output timeline of the first sample
        self.samples = 0

    def encode(self, frame, start_seconds):
        """(adts_data, pts) packets; `start_seconds` places the first frame on the timeline."""
        if self.start is None:
            self.start = start_seconds
        out = []
        for chunk in self.resampler.resample(frame):
            chunk.pts = self.samples
            chunk.time_base = Fraction(1, AUDIO_RATE)
            self.samples += chunk.samples
            for packet in self.context.encode(chunk):
                pts = int((self.start + packet.pts / AUDIO_RATE) * TS_CLOCK)
                out.append((adts(bytes(packet)), pts))
        return out
