"""Where a session's media lives in storage. Every name is generated here and checked
here: a publisher can never make the media process write outside its session's folder."""
import re

from django.conf import settings

NAME_RE = re.compile(r"^(?:seg-\d{1,9}\.ts|live\.m3u8|vod\.m3u8|index\.json|poster\.jpg)$")
LIVE_PLAYLIST = "live.m3u8"
VOD_PLAYLIST = "vod.m3u8"
INDEX = "index.json"
POSTER = "poster.jpg"


def folder(session_id):
    session_id = int(session_id)
    if session_id <= 0:
        raise ValueError("bad session id")
    return f"{settings.LIVE_MEDIA_FOLDER}/{session_id}"


def path(session_id, name):
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        raise ValueError(f"refused media file name {name!r}")
    return f"{folder(session_id)}/{name}"


def segment_name(index):
    return f"seg-{int(index)}.ts"
