"""`manage.py live_media`: the media process (WHIP answers, HLS segments, recordings).

Run it next to daphne (`make run` starts both); never inside daphne's event loop.
"""
import asyncio
import logging
import signal

from django.core.management.base import BaseCommand

from livestream.media.worker import MediaServer


class Command(BaseCommand):
    help = "Runs the live media process: answers WHIP offers with aiortc and writes HLS with PyAV."

    def handle(self, *args, **options):
        logging.getLogger("livestream.media").setLevel(logging.INFO)
        if not logging.getLogger().handlers:
            logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
        asyncio.run(self.serve())

    async def serve(self):
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        self.stdout.write("live media process: waiting for WHIP offers")
        await MediaServer().run(stop)
