import asyncio
import threading

import pytest

from livestream.media.worker import MediaServer


class LoopThread:
    """An asyncio loop running in a thread (aiortc must keep running while the test waits)."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine, timeout=60):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


class RunningMediaServer:
    """The media process's loop, in a thread of the test process (same test database)."""

    def __init__(self):
        self.server = MediaServer()
        self.runner = LoopThread()
        self.stop = None

    def start(self):
        async def make_stop():
            self.stop = asyncio.Event()

        self.runner.run(make_stop())
        self.future = asyncio.run_coroutine_threadsafe(self.server.run(self.stop), self.runner.loop)
        return self

    def thread_alive(self):
        return self.runner.thread.is_alive() and not self.future.done()

    def close(self):
        self.runner.loop.call_soon_threadsafe(self.stop.set)
        try:
            self.future.result(20)
        finally:
            self.runner.close()


@pytest.fixture
def media_server(settings):
    settings.LIVE_SEGMENT_SECONDS = 1
    running = RunningMediaServer().start()
    yield running
    running.close()


@pytest.fixture
def client_loop():
    runner = LoopThread()
    yield runner
    runner.close()
