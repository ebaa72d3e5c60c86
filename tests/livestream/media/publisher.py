"""A synthetic WHIP publisher for tests and benchmarks: aiortc sends a moving test picture
(and a tone) to the WHIP endpoint, preferring the codec asked for."""
import asyncio
import math
import struct

import av
from aiortc import RTCPeerConnection, RTCRtpSender, RTCSessionDescription
from aiortc.mediastreams import AudioStreamTrack, VideoStreamTrack


class TestCard(VideoStreamTrack):
    def __init__(self, width=640, height=360, stamp=None):
        super().__init__()
        self.width, self.height = width, height
        self.stamp = stamp  # callable(frame) drawing a clock (benchmarks)
        self.count = 0
        self.bars = [self._frame(shift) for shift in range(0, 30)]

    def _frame(self, shift):
        from PIL import Image, ImageDraw

        image = Image.new("RGB", (self.width, self.height), (30, 60, 90))
        draw = ImageDraw.Draw(image)
        step = self.width // 30
        draw.rectangle([shift * step, 0, shift * step + step * 3, self.height], fill=(240, 200, 40))
        return image

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        image = self.bars[self.count % len(self.bars)]
        if self.stamp is not None:
            image = self.stamp(image.copy())
        self.count += 1
        frame = av.VideoFrame.from_image(image)
        frame.pts, frame.time_base = pts, time_base
        return frame


class Tone(AudioStreamTrack):
    async def recv(self):
        frame = await super().recv()  # paced silence, 20 ms
        samples = frame.samples
        start = frame.pts
        data = b"".join(struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * (start + i) / 48000))) for i in range(samples))
        plane = frame.planes[0]
        plane.update(data[: plane.buffer_size].ljust(plane.buffer_size, b"\0"))
        return frame


def prefer(pc, kind, mime):
    codecs = RTCRtpSender.getCapabilities(kind).codecs
    chosen = [c for c in codecs if c.mimeType == mime] + [c for c in codecs if c.mimeType.endswith("/rtx")]
    for transceiver in pc.getTransceivers():
        if transceiver.kind == kind:
            transceiver.setCodecPreferences(chosen)


async def offer(video_codec="video/H264", width=640, height=360, stamp=None):
    """A peer connection with its local offer set; returns (pc, offer_sdp)."""
    pc = RTCPeerConnection()
    pc.addTransceiver(TestCard(width, height, stamp), direction="sendonly")
    pc.addTransceiver(Tone(), direction="sendonly")
    prefer(pc, "video", video_codec)
    await pc.setLocalDescription(await pc.createOffer())
    return pc, pc.localDescription.sdp


async def accept(pc, answer_sdp):
    await pc.setRemoteDescription(RTCSessionDescription(sdp=answer_sdp, type="answer"))
