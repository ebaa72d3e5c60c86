"""The WHIP answer caps the publisher's video bitrate (LIVE_MAX_BITRATE): b=TIAS and b=AS on the
video section, replacing any bandwidth line there, and nothing on the audio section."""
from livestream.media.worker import cap_video_bandwidth

OFFER_LIKE = "\r\n".join([
    "v=0", "o=- 1 1 IN IP4 0.0.0.0", "s=-", "t=0 0",
    "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=rtpmap:111 opus/48000/2",
    "m=video 9 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "b=AS:8000", "a=rtpmap:96 H264/90000", "",
])


def test_video_section_gets_the_cap_and_audio_is_untouched():
    capped = cap_video_bandwidth(OFFER_LIKE, 1_500_000)
    audio, video = capped.split("m=video")
    assert "b=" not in audio.split("m=audio")[1]
    assert "b=AS:1500\r\nb=TIAS:1500000\r\n" in video
    assert "b=AS:8000" not in capped
    assert capped.endswith("\r\n") and "\n" not in capped.replace("\r\n", "")


def test_no_cap_configured_leaves_the_answer_as_it_is():
    assert cap_video_bandwidth(OFFER_LIKE, 0) == OFFER_LIKE
