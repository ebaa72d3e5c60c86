"""The media process (`manage.py live_media`): aiortc answers WHIP offers, PyAV writes HLS.

Runs in its own process, never inside daphne. It talks to the web process only through the
`LiveStream` row (offers in, answers/state/heartbeat out) and the channel layer (status frames
to viewers when Redis joins the processes). One asyncio loop holds every publisher; the heavy
work of a stream (muxing, transcoding, storage writes) runs on that stream's own worker
thread, and every failure is caught per stream: one bad stream never takes the process down.

H.264 from the publisher is remuxed as it arrives (aiortc's decoder is replaced by a
pass-through for H.264, so no frame is decoded except the first keyframe, for the poster and
the size); VP8, or H.264 above the resolution cap, is decoded and encoded with libx264.
Audio (Opus) is always encoded to AAC.
"""
import asyncio
import concurrent.futures
import io
import logging
import time

import av
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from livestream.media import paths
from livestream.media.encode import AudioEncoder, VideoTranscoder, fit
from livestream.media.hls import TS_CLOCK, HlsWriter, is_keyframe, write_file

logger = logging.getLogger("livestream.media")
HEARTBEAT_SECONDS = 2
POLL_SECONDS = 0.1
CONNECT_SECONDS = 20  # ICE + DTLS + first frame; then LIVE_MEDIA_SILENCE_SECONDS applies


def cap_video_bandwidth(sdp, bits_per_second):
    """The answer tells the publisher the most video it may send (RFC 3890 b=TIAS, and b=AS in
    kbit/s for older stacks), under the video m-line's connection line: browsers and OBS's
    libwebrtc cap their encoder to it, so a phone on 4G is not asked for more than we keep.
    (The host console also sets maxBitrate on the phone's sender.)"""
    if not bits_per_second:
        return sdp
    newline = "\r\n" if "\r\n" in sdp else "\n"
    lines = sdp.split(newline)
    out, in_video = [], False
    for line in lines:
        if line.startswith("m="):
            in_video = line.startswith("m=video")
        elif in_video and line.startswith("b="):
            continue  # ours replaces any bandwidth line aiortc wrote
        out.append(line)
        if in_video and line.startswith("c="):
            out.append(f"b=AS:{max(1, bits_per_second // 1000)}")
            out.append(f"b=TIAS:{bits_per_second}")
    return newline.join(out)


# --- H.264 pass-through: the receiver hands us encoded access units instead of pictures -------


class EncodedVideo:
    __slots__ = ("data", "timestamp")

    def __init__(self, data, timestamp):
        self.data = data
        self.timestamp = timestamp


class PassthroughDecoder:
    def decode(self, encoded_frame):
        return [EncodedVideo(encoded_frame.data, encoded_frame.timestamp)]


def install_passthrough():
    import aiortc.rtcrtpreceiver as receiver_module

    if getattr(receiver_module.get_decoder, "passthrough", False):
        return
    original = receiver_module.get_decoder

    def get_decoder(codec):
        if codec.name == "H264":
            return PassthroughDecoder()
        return original(codec)

    get_decoder.passthrough = True
    receiver_module.get_decoder = get_decoder


# --- database steps (run on the process's single database thread) -----------------------------


def _db(function):
    def run(*args, **kwargs):
        close_old_connections()
        return function(*args, **kwargs)

    run.__wrapped__ = function
    return run


@_db
def db_pending_offers(known):
    from livestream.models import LiveStream

    rows = (
        LiveStream.objects.exclude(resource="")
        .exclude(offer_sdp="")
        .filter(answer_sdp="", error="")
        .values("session_id", "resource", "offer_sdp")
    )
    return [row for row in rows if row["resource"] not in known]


@_db
def db_answer(session_id, resource, answer="", error=""):
    from livestream.models import LiveStream

    return LiveStream.objects.filter(session_id=session_id, resource=resource).update(
        answer_sdp=answer, error=error[:300], heartbeat_at=timezone.now()
    )


@_db
def db_watch(session_ids):
    """For each session the process holds: (resource, stop_requested, session status)."""
    from livestream.models import LiveStream

    rows = LiveStream.objects.filter(session_id__in=session_ids).values(
        "session_id", "resource", "stop_requested", "session__status"
    )
    return {row["session_id"]: row for row in rows}


@_db
def db_heartbeat(session_ids):
    from livestream.models import LiveStream

    LiveStream.objects.filter(session_id__in=session_ids, state="live").update(heartbeat_at=timezone.now())


@_db
def db_stats(session_id, **fields):
    from livestream.models import LiveStream

    LiveStream.objects.filter(session_id=session_id).update(**fields)


@_db
def db_went_live(session_id, resource):
    from livestream import services
    from livestream.broadcast import broadcast
    from livestream.models import LiveSession, LiveStream

    LiveStream.objects.filter(session_id=session_id).update(
        state=LiveStream.State.LIVE, heartbeat_at=timezone.now(), disconnected_at=None
    )
    if LiveSession.objects.filter(pk=session_id, status=LiveSession.Status.SCHEDULED).exists():
        services.session_go_live(session_id=session_id, user=None, system=True)
    broadcast(session_id, {"type": "media", "state": "live"})
    logger.info("live %s: media flowing (resource %s)", session_id, resource)


@_db
def db_reconnecting(session_id):
    from livestream.broadcast import broadcast
    from livestream.models import LiveStream

    LiveStream.objects.filter(session_id=session_id).update(
        state=LiveStream.State.RECONNECTING, disconnected_at=timezone.now(), resource="", offer_sdp="", answer_sdp=""
    )
    broadcast(session_id, {"type": "media", "state": "reconnecting"})
    logger.warning("live %s: publisher dropped, waiting %ss for it to reconnect", session_id, settings.LIVE_RECONNECT_GRACE_SECONDS)


@_db
def db_finished(session_id, had_media, reason):
    """The broadcast is over: the recording is finalised and the session ends."""
    from livestream import services
    from livestream.broadcast import broadcast
    from livestream.media.services import recording_finalise
    from livestream.models import LiveSession, LiveStream

    fields = {"resource": "", "offer_sdp": "", "answer_sdp": "", "stop_requested": False}
    if had_media:
        recording_finalise(session_id=session_id)
        LiveStream.objects.filter(session_id=session_id).update(state=LiveStream.State.ENDED, **fields)
        if LiveSession.objects.filter(pk=session_id, status=LiveSession.Status.LIVE).exists():
            services.session_end(session_id=session_id, user=None, system=True)
        broadcast(session_id, {"type": "media", "state": "ended"})
    else:
        LiveStream.objects.filter(session_id=session_id).update(state=LiveStream.State.IDLE, **fields)
    logger.info("live %s: publishing finished (%s)", session_id, reason)


@_db
def db_orphans(held):
    """Streams no media process holds (it restarted or died): a live one whose heartbeat
    stopped is reconnecting; a reconnecting one past the grace period is finished."""
    import datetime

    from livestream.models import LiveStream

    now = timezone.now()
    stale = now - datetime.timedelta(seconds=10)
    LiveStream.objects.filter(state=LiveStream.State.LIVE, heartbeat_at__lt=stale).exclude(mode="demo").exclude(
        session_id__in=held
    ).update(state=LiveStream.State.RECONNECTING, disconnected_at=now, resource="", offer_sdp="", answer_sdp="")
    expired = now - datetime.timedelta(seconds=settings.LIVE_RECONNECT_GRACE_SECONDS)
    ids = list(
        LiveStream.objects.filter(state=LiveStream.State.RECONNECTING, disconnected_at__lt=expired)
        .exclude(session_id__in=held)
        .values_list("session_id", flat=True)
    )
    for session_id in ids:
        db_finished.__wrapped__(session_id, True, "orphaned stream past the grace period")
    return ids


@_db
def db_demo_loops():
    from livestream.media.demo import refresh_loops

    return refresh_loops()


# --- one session's media: survives a publisher's reconnection ----------------------------------


class Pipeline:
    def __init__(self, session_id):
        self.session_id = session_id
        self.writer = HlsWriter(session_id)
        self.thread = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix=f"live-{session_id}")
        self.audio = None
        self.transcoder = None
        self.decoder = None  # H.264 decoder: first keyframe (poster, size), or every frame when transcoding
        self.mode = None
        self.video_codec = ""
        self.poster_done = bool(self.writer.segments)
        self.went_live = bool(self.writer.segments)
        self.publisher = None
        self.disconnected_at = None
        self.started = time.monotonic()

    async def run(self, function, *args):
        return await asyncio.get_running_loop().run_in_executor(self.thread, function, *args)

    # The methods below run on the pipeline's thread.

    def _poster(self, frame):
        image = frame.to_image()
        image.thumbnail((640, 640))
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=80)
        write_file(self.writer.storage, paths.path(self.session_id, paths.POSTER), buffer.getvalue())
        self.poster_done = True

    def video_encoded(self, data, pts):
        """An H.264 access unit from the publisher (pass-through)."""
        keyframe = is_keyframe(data)
        if self.mode is None:
            if not keyframe:
                return []
            self.decoder = av.CodecContext.create("h264", "r")
            frames = self.decoder.decode(av.Packet(data))
            if not frames:
                return []
            frame = frames[0]
            self.writer.size = (frame.width, frame.height)
            if not self.poster_done:
                self._poster(frame)
            if fit(frame.width, frame.height) != (frame.width, frame.height):
                self.mode = "transcode"
                self.transcoder = VideoTranscoder(frame.width, frame.height)
                self.writer.size = (self.transcoder.width, self.transcoder.height)
            else:
                self.mode = "remux"
                self.decoder = None
            self.video_codec = "H264"
        if self.mode == "remux":
            return self.writer.add_video(data, pts, keyframe)
        finished = []
        for frame in self.decoder.decode(av.Packet(data)):
            finished += self._encode(frame, pts)
        return finished

    def video_frame(self, frame, pts):
        """A decoded picture (VP8 publisher): transcoded to H.264."""
        if self.transcoder is None:
            self.mode = "transcode"
            self.transcoder = VideoTranscoder(frame.width, frame.height)
            self.writer.size = (self.transcoder.width, self.transcoder.height)
            if not self.poster_done:
                self._poster(frame)
        return self._encode(frame, pts)

    def _encode(self, frame, pts):
        finished = []
        for data, packet_pts, keyframe in self.transcoder.encode(frame, pts):
            finished += self.writer.add_video(data, packet_pts, keyframe)
        return finished

    def audio_frame(self, frame, start_seconds):
        if self.audio is None:
            self.audio = AudioEncoder()
        for data, pts in self.audio.encode(frame, start_seconds):
            self.writer.add_audio(data, pts)

    def new_connection(self):
        """A publisher (re)connects: the timeline goes on where it stopped."""
        if self.writer.segments or self.writer.pending:
            self.writer.mark_discontinuity()
        self.audio = None
        self.decoder = None
        self.transcoder = None
        self.mode = None
        return self.writer.end_pts + (0.1 if self.writer.segments else 0.0)

    def close(self, ended):
        if ended:
            self.writer.end()
        else:
            self.writer.flush()

    def stats(self):
        return {
            "mode": self.mode or "",
            "video_codec": self.video_codec,
            "audio_codec": "AAC" if self.audio else "",
            "width": self.writer.size[0],
            "height": self.writer.size[1],
            "segment_count": len(self.writer.segments),
            "duration": round(self.writer.duration, 3),
            "bytes_written": self.writer.bytes_written,
        }


# --- one WebRTC connection ------------------------------------------------------------------------


class Publisher:
    def __init__(self, server, pipeline, resource):
        self.server = server
        self.pipeline = pipeline
        self.session_id = pipeline.session_id
        self.resource = resource
        self.pc = None
        self.tasks = []
        self.last_packet = time.monotonic()
        self.connected_at = time.monotonic()
        self.closed = False
        self.announced = False
        self.got_media = False
        self.video_receiver = None
        self.base = 0.0  # seconds on the output timeline where this connection starts
        self.first_wall = None

    async def answer(self, offer_sdp):
        from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection, RTCRtpReceiver, RTCSessionDescription

        ice = [RTCIceServer(**server) for server in settings.LIVE_ICE_SERVERS]
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=ice or None))

        @self.pc.on("track")
        def on_track(track):
            self.tasks.append(asyncio.ensure_future(self.consume(track)))

        @self.pc.on("connectionstatechange")
        async def on_state():
            if self.pc.connectionState in ("failed", "closed") and not self.closed:
                await self.server.dropped(self)

        await self.pc.setRemoteDescription(RTCSessionDescription(sdp=offer_sdp, type="offer"))
        capabilities = RTCRtpReceiver.getCapabilities("video").codecs
        preferred = [c for c in capabilities if c.mimeType == "video/H264"] + [
            c for c in capabilities if c.mimeType in ("video/VP8", "video/rtx")
        ]
        for transceiver in self.pc.getTransceivers():
            if transceiver.kind == "video":
                transceiver.setCodecPreferences(preferred)
                self.video_receiver = transceiver.receiver
        self.base = await self.pipeline.run(self.pipeline.new_connection)
        await self.pc.setLocalDescription(await self.pc.createAnswer())
        self.tasks.append(asyncio.ensure_future(self.request_keyframes()))
        return cap_video_bandwidth(self.pc.localDescription.sdp, settings.LIVE_MAX_BITRATE)

    def _timeline(self, first_media_ts, clock_rate):
        """Place a track on the output timeline: arrival time since the connection's first media."""
        now = time.monotonic()
        if self.first_wall is None:
            self.first_wall = now
        return self.base + (now - self.first_wall) - first_media_ts / clock_rate

    async def consume(self, track):
        from aiortc.mediastreams import MediaStreamError

        offset = None
        try:
            while True:
                frame = await track.recv()
                self.last_packet = time.monotonic()
                self.got_media = True
                if track.kind == "video":
                    if isinstance(frame, EncodedVideo):
                        if offset is None:
                            offset = self._timeline(frame.timestamp, TS_CLOCK)
                        pts = int((offset + frame.timestamp / TS_CLOCK) * TS_CLOCK)
                        finished = await self.pipeline.run(self.pipeline.video_encoded, frame.data, pts)
                    else:
                        if offset is None:
                            offset = self._timeline(frame.pts, TS_CLOCK)
                        pts = int((offset + frame.pts / TS_CLOCK) * TS_CLOCK)
                        finished = await self.pipeline.run(self.pipeline.video_frame, frame, pts)
                    if finished:
                        await self.server.segments_written(self)
                else:
                    if offset is None:
                        offset = self._timeline(frame.pts, frame.sample_rate)
                    await self.pipeline.run(self.pipeline.audio_frame, frame, offset + frame.pts / frame.sample_rate)
        except MediaStreamError:
            pass
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("live %s: %s track failed", self.session_id, track.kind)
            await self.server.dropped(self)

    async def request_keyframes(self):
        """PLI every segment: the publisher sends a keyframe so each segment can start on one."""
        while not self.closed:
            await asyncio.sleep(settings.LIVE_SEGMENT_SECONDS)
            receiver = self.video_receiver
            if receiver is None:
                continue
            for source in receiver.getSynchronizationSources():
                try:
                    await receiver._send_rtcp_pli(source.source)
                except Exception:  # the transport is closing
                    logger.debug("PLI not sent", exc_info=True)

    async def close(self):
        self.closed = True
        for task in self.tasks:
            task.cancel()
        if self.pc is not None:
            try:
                await self.pc.close()
            except Exception:
                logger.exception("live %s: closing the peer connection failed", self.session_id)


# --- the process -----------------------------------------------------------------------------------


class MediaServer:
    def __init__(self):
        self.pipelines = {}  # session id → Pipeline (kept while the publisher may reconnect)
        self.db_thread = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="live-db")
        self.negotiating = set()
        self.last_heartbeat = 0.0
        self.last_demo = 0.0
        self.last_orphans = 0.0

    async def db(self, function, *args, **kwargs):
        return await asyncio.get_running_loop().run_in_executor(self.db_thread, lambda: function(*args, **kwargs))

    async def run(self, stop=None):
        install_passthrough()
        stop = stop or asyncio.Event()
        logger.info("live media process started")
        while not stop.is_set():
            try:
                await self.tick()
            except Exception:
                logger.exception("live media: tick failed")
            try:
                await asyncio.wait_for(stop.wait(), POLL_SECONDS)
            except asyncio.TimeoutError:
                pass
        await self.shutdown()

    async def tick(self):
        known = {p.publisher.resource for p in self.pipelines.values() if p.publisher} | self.negotiating
        for offer in await self.db(db_pending_offers, known):
            self.negotiating.add(offer["resource"])
            asyncio.ensure_future(self.negotiate(offer))
        now = time.monotonic()
        if now - self.last_demo >= 1:
            self.last_demo = now
            await self.db(db_demo_loops)
        if now - self.last_orphans >= 5:
            self.last_orphans = now
            await self.db(db_orphans, list(self.pipelines))
        if not self.pipelines:
            return
        # Judge only the pipelines the query asked about: a negotiation finishing while the query
        # runs adds a pipeline with no row yet, which must not read as "session ended".
        watched = list(self.pipelines)
        rows = await self.db(db_watch, watched)
        for session_id in watched:
            pipeline = self.pipelines.get(session_id)
            if pipeline is None:
                continue
            row = rows.get(session_id)
            publisher = pipeline.publisher
            if row is None or row["session__status"] in ("ended", "cancelled"):
                await self.finish(pipeline, "session ended")
            elif publisher is not None and row["stop_requested"] and row["resource"] == publisher.resource:
                await self.finish(pipeline, "publisher stopped (WHIP DELETE)")
            elif pipeline.writer.duration >= settings.LIVE_MAX_DURATION_SECONDS:
                await self.finish(pipeline, "maximum duration reached")
            elif publisher is not None and now - publisher.last_packet > (
                settings.LIVE_MEDIA_SILENCE_SECONDS if publisher.got_media else max(CONNECT_SECONDS, settings.LIVE_MEDIA_SILENCE_SECONDS)
            ):
                await self.dropped(publisher)
            elif publisher is None and pipeline.disconnected_at is not None:
                if now - pipeline.disconnected_at > settings.LIVE_RECONNECT_GRACE_SECONDS:
                    await self.finish(pipeline, "publisher did not come back within the grace period")
        if now - self.last_heartbeat > HEARTBEAT_SECONDS:
            self.last_heartbeat = now
            await self.db(db_heartbeat, [s for s, p in self.pipelines.items() if p.publisher])
            for session_id, pipeline in self.pipelines.items():
                await self.db(db_stats, session_id, **pipeline.stats())

    async def negotiate(self, offer):
        session_id, resource = offer["session_id"], offer["resource"]
        try:
            pipeline = self.pipelines.get(session_id)
            if pipeline is not None and pipeline.publisher is not None:
                await pipeline.publisher.close()  # the web process already decided it is stale
                pipeline.publisher = None
            if pipeline is None:
                pipeline = Pipeline(session_id)
                self.pipelines[session_id] = pipeline
            publisher = Publisher(self, pipeline, resource)
            pipeline.publisher = publisher
            pipeline.disconnected_at = None
            answer = await publisher.answer(offer["offer_sdp"])
            await self.db(db_answer, session_id, resource, answer=answer)
            logger.info("live %s: answered WHIP offer %s", session_id, resource)
        except Exception as error:
            logger.exception("live %s: could not answer offer %s", session_id, resource)
            await self.db(db_answer, session_id, resource, error=f"Không thể thiết lập kết nối: {error}"[:300])
            pipeline = self.pipelines.get(session_id)
            if pipeline is not None and pipeline.publisher is not None and pipeline.publisher.resource == resource:
                await pipeline.publisher.close()
                pipeline.publisher = None
                if not pipeline.writer.segments:
                    self.pipelines.pop(session_id, None)
        finally:
            self.negotiating.discard(resource)

    async def segments_written(self, publisher):
        """The first segment of a connection: the session is live (again)."""
        if publisher.announced:
            return
        publisher.announced = True
        publisher.pipeline.went_live = True
        await self.db(db_went_live, publisher.session_id, publisher.resource)

    async def dropped(self, publisher):
        pipeline = publisher.pipeline
        if pipeline.publisher is not publisher or publisher.closed:
            return
        pipeline.publisher = None
        await publisher.close()
        await pipeline.run(pipeline.close, False)
        if not pipeline.went_live:
            self.pipelines.pop(pipeline.session_id, None)
            await self.db(db_finished, pipeline.session_id, False, "publisher left before any media")
            return
        pipeline.disconnected_at = time.monotonic()
        await self.db(db_stats, pipeline.session_id, **pipeline.stats())
        await self.db(db_reconnecting, pipeline.session_id)

    async def finish(self, pipeline, reason):
        self.pipelines.pop(pipeline.session_id, None)
        if pipeline.publisher is not None:
            await pipeline.publisher.close()
            pipeline.publisher = None
        try:
            await pipeline.run(pipeline.close, True)
            await self.db(db_stats, pipeline.session_id, **pipeline.stats())
        except Exception:
            logger.exception("live %s: closing the recording failed", pipeline.session_id)
        await self.db(db_finished, pipeline.session_id, pipeline.went_live, reason)
        pipeline.thread.shutdown(wait=False)

    async def shutdown(self):
        """The process stops: publishers are dropped (they may reconnect to the next process)."""
        for pipeline in list(self.pipelines.values()):
            if pipeline.publisher is not None:
                await self.dropped(pipeline.publisher)
        self.db_thread.shutdown(wait=True)
