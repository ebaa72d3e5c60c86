"""A local SMTP sink for the task benchmark and fault drills: accepts every message on loopback,
counts them per recipient (nothing is delivered anywhere). Runs in a thread of the caller.
A message transmitted again with the same Message-ID (what a mailbox shows once) counts once in
`per_recipient` and `total`; `transmissions` counts every DATA the sink accepted.

    sink = SmtpSink().start(); ... sink.port, sink.total, sink.per_recipient; sink.stop()

`counted` (a predicate on the address) limits the counters to the benchmark's own recipients:
the database a drill clones can hold other e-mails still waiting in its outbox (the browser
journeys leave theirs, no worker ran with them), which a worker sends as well; they are
accepted and counted in `others` only.
"""
import asyncio
import collections
import threading
import time


class SmtpSink:
    def __init__(self, host="127.0.0.1", port=0, delay=0.0, counted=None):
        self.host, self.port, self.delay = host, port, delay
        self.counted = counted or (lambda address: True)
        self.others = 0
        self.per_recipient = collections.Counter()
        self.total = 0
        self.transmissions = 0
        self._seen = set()  # (recipient, Message-ID)
        self.first_at = self.last_at = None
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._loop = None
        self._server = None

    async def _session(self, reader, writer):
        rcpts = []
        writer.write(b"220 sink ESMTP\r\n")
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    writer.write(b"250-sink\r\n250 8BITMIME\r\n")
                elif verb == b"MAIL":
                    rcpts = []
                    writer.write(b"250 OK\r\n")
                elif verb == b"RCPT":
                    address = line.split(b":", 1)[1].strip().strip(b"<>").split(b">")[0].decode()
                    rcpts.append(address)
                    writer.write(b"250 OK\r\n")
                elif verb == b"DATA":
                    writer.write(b"354 go ahead\r\n")
                    await writer.drain()
                    message_id = None
                    while True:
                        data = await reader.readline()
                        if not data or data == b".\r\n":
                            break
                        if message_id is None and data[:11].lower() == b"message-id:":
                            message_id = data[11:].strip().decode(errors="replace")
                    if self.delay:
                        await asyncio.sleep(self.delay)
                    others = [a for a in rcpts if not self.counted(a)]
                    rcpts = [a for a in rcpts if self.counted(a)]
                    with self._lock:
                        self.others += len(others)
                    if not rcpts:
                        writer.write(b"250 queued\r\n")
                        continue
                    with self._lock:
                        now = time.perf_counter()
                        self.first_at = self.first_at or now
                        self.last_at = now
                        self.transmissions += 1
                        new = [a for a in rcpts if message_id is None or (a, message_id) not in self._seen]
                        if new:
                            self.total += 1
                        for address in new:
                            self._seen.add((address, message_id))
                            self.per_recipient[address] += 1
                    writer.write(b"250 queued\r\n")
                elif verb == b"QUIT":
                    writer.write(b"221 bye\r\n")
                    await writer.drain()
                    break
                else:  # RSET, NOOP, …
                    writer.write(b"250 OK\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    def _run(self):
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(asyncio.start_server(self._session, self.host, self.port))
        self.port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    def start(self):
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait(10)
        return self

    def stop(self):
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)

    def duplicates(self):
        return {address: n for address, n in self.per_recipient.items() if n > 1}
