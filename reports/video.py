"""Video addresses: recognise YouTube and Vimeo links and build privacy-respecting embeds."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from .errors import MediaRefused

YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
    "youtu.be",
}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_PATH = re.compile(
    r"^/(?:video/|channels/[\w-]+/|groups/[\w-]+/videos/)?(\d+)(?:/([0-9a-f]+))?/?$"
)
START = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")


@dataclass(frozen=True)
class Video:
    """A video on a supported host, with the addresses a page needs."""

    provider: str
    video_id: str
    embed_url: str
    watch_url: str


def parse(url):
    """Return the Video for a YouTube or Vimeo address, or refuse it saying why."""
    parts = urlsplit((url or "").strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"http", "https"} or not host:
        raise MediaRefused("Enter the full video address, starting https://.", field="url")
    if host in YOUTUBE_HOSTS:
        return _youtube(parts, host)
    if host in VIMEO_HOSTS:
        return _vimeo(parts)
    raise MediaRefused(f"Videos must be on YouTube or Vimeo; “{host}” is neither.", field="url")


def _youtube(parts, host):
    query = parse_qs(parts.query)
    path = parts.path.strip("/").split("/")
    if host == "youtu.be":
        candidate = path[0]
    elif path[0] in {"embed", "shorts", "live", "v"} and len(path) > 1:
        candidate = path[1]
    else:
        candidate = query.get("v", [""])[0]
    if not YOUTUBE_ID.fullmatch(candidate or ""):
        raise MediaRefused(
            "This YouTube address does not name a video. Copy the address from the video's "
            "Share button, for example https://youtu.be/7hvFXnCZGF8.",
            field="url",
        )
    params = {"autoplay": 1, "rel": 0}
    start = _seconds(query.get("t", query.get("start", [""]))[0])
    if start:
        params["start"] = start
    return Video(
        provider="YouTube",
        video_id=candidate,
        embed_url=f"https://www.youtube-nocookie.com/embed/{candidate}?{urlencode(params)}",
        watch_url=f"https://www.youtube.com/watch?v={candidate}",
    )


def _vimeo(parts):
    match = VIMEO_PATH.match(parts.path)
    if not match:
        raise MediaRefused(
            "This Vimeo address does not name a video. Copy the address of the video's page, "
            "for example https://vimeo.com/76979871.",
            field="url",
        )
    video_id, private_hash = match.groups()
    private_hash = private_hash or parse_qs(parts.query).get("h", [""])[0]
    params = {"autoplay": 1, "dnt": 1}
    if private_hash:
        params["h"] = private_hash
    return Video(
        provider="Vimeo",
        video_id=video_id,
        embed_url=f"https://player.vimeo.com/video/{video_id}?{urlencode(params)}",
        watch_url=f"https://vimeo.com/{video_id}" + (f"/{private_hash}" if private_hash else ""),
    )


def _seconds(value):
    match = START.match(value or "")
    if not value or not match:
        return 0
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds
