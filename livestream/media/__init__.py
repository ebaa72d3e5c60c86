"""Live video of our own: WHIP ingest (RFC 9725) answered by the media process, HLS out.

- `services`: what the web process decides (who may publish, tokens, the WHIP hand-off,
  recordings: finalise, delete, retention clean-up) and what both processes share.
- `hls`: the segmenter (packets → MPEG-TS segments + live/VOD playlists through storage).
- `worker`: the media process (`manage.py live_media`), aiortc + PyAV, never inside daphne.
- `serve`: the ASGI handler serving `/media/live/…` with CDN-friendly cache headers.
"""
