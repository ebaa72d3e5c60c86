"""Our own live video in two browsers: the host, on a phone, taps "Phát trực tiếp từ điện
thoại" (Chromium's fake camera and microphone), a viewer opens the session and the video plays;
the host ends it and the replay plays. The media process runs next to daphne (conftest)."""
import re

import pytest

from tests.e2e.conftest import ARTEFACTS, CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE
from tests.e2e.test_live_journey import HOST_EMAIL, HOST_PASSWORD, login

pytestmark = pytest.mark.e2e

MEDIA_ARGS = [
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]


def video_time(page):
    return page.evaluate("() => document.querySelector('#live-video').currentTime")


def wait_playing(page, timeout=45000):
    page.wait_for_function("() => { const v = document.querySelector('#live-video'); return v && v.currentTime > 0.5; }", timeout=timeout)
    first = video_time(page)
    page.wait_for_function(f"() => document.querySelector('#live-video').currentTime > {first} + 1", timeout=15000)


def test_host_goes_live_from_the_phone_and_viewers_watch_then_replay(live_site, playwright):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    # Its own browser: the fake camera and microphone need launch flags.
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + MEDIA_ARGS, headless=True)
    host_context = browser.new_context(viewport=PHONE, locale="vi-VN", permissions=["camera", "microphone"], is_mobile=True, has_touch=True)
    viewer_context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    try:
        host, viewer = host_context.new_page(), viewer_context.new_page()
        for page in (host, viewer):
            page.set_default_timeout(20000)
        login(host, live_site, HOST_EMAIL, HOST_PASSWORD)
        host.wait_for_url(lambda url: "/accounts/login/" not in url)  # the login POST has landed
        host.goto(live_site + "/live/")
        host.get_by_role("link", name=re.compile(r"\[Mẫu\] Sắp live")).first.click()
        host.wait_for_url(re.compile(r"/live/\d+/$"))
        session_url = host.url
        host.goto(session_url + "host/")
        host.get_by_role("button", name=re.compile("Phát trực tiếp từ điện thoại")).tap()
        host.wait_for_function("() => document.querySelector('#host-preview').videoWidth > 0")
        host.locator("#host-publish-state").filter(has_text="Đang phát trực tiếp").wait_for(timeout=45000)

        viewer.goto(session_url)
        wait_playing(viewer)
        assert viewer.locator("#live-unmute").is_visible()  # autoplay muted, "Bật tiếng" visible
        host.screenshot(path=str(ARTEFACTS / "live_video_host_phone.png"), full_page=True)
        viewer.screenshot(path=str(ARTEFACTS / "live_video_viewer.png"), full_page=True)

        host.get_by_role("button", name=re.compile("Dừng phát và kết thúc phiên")).tap()
        host.locator("#host-publish-state").filter(has_text="Đã dừng phát").wait_for()
        for _attempt in range(30):  # the media process finalises the recording and ends the session
            viewer.goto(session_url)
            if viewer.locator("video[data-src$='vod.m3u8']").count():
                break
            viewer.wait_for_timeout(1000)
        viewer.evaluate("() => document.querySelector('#live-video').play()")
        wait_playing(viewer)
        viewer.screenshot(path=str(ARTEFACTS / "live_video_replay.png"), full_page=True)
    except Exception:
        for name, page in (("host", host), ("viewer", viewer)):
            page.screenshot(path=str(ARTEFACTS / f"live_video_failed_{name}.png"), full_page=True)
            (ARTEFACTS / f"live_video_failed_{name}.html").write_text(f"<!-- {page.url} -->\n" + page.content())
        raise
    finally:
        host_context.close()
        viewer_context.close()
        browser.close()
