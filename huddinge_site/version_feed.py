"""Tag versions pushed to every worker over Redis pub/sub, so a cache hit needs no round trip.

With Redis as the cache, asking Redis for a page's tag versions on every hit
costs more than serving the page (see the benchmark in README.md). Instead,
each worker process keeps a table of the versions it has seen and a thread
subscribed to a Redis channel on which every invalidation is announced right
after it is written. A hit is then answered from memory.

Correctness rules:

* Versions read from Redis are only *added* to the table, never written over
  a value that arrived on the channel meanwhile, so a late read cannot undo
  an invalidation.
* The process that invalidates updates its own table at once; other workers
  hear of it within milliseconds.
* Until the subscription is confirmed, and whenever the connection drops, the
  table is emptied and not used: requests read Redis as before, so a missed
  message can never leave a stale page behind.
"""

import json
import logging
import threading
import time

logger = logging.getLogger(__name__)
CHANNEL = "huddinge:pagecache:versions"


class VersionFeed:
    def __init__(self, client):
        self.client = client
        self.versions = {}
        self.ready = False
        self.lock = threading.Lock()
        thread = threading.Thread(target=self._listen, name="page-cache-versions", daemon=True)
        thread.start()

    def get(self, keys):
        """Versions of ``keys`` if all are known and the feed is live, else ``None``."""
        if not self.ready:
            return None
        versions = self.versions
        found = [versions.get(key) for key in keys]
        return None if None in found else found

    def remember(self, keys, values):
        if not self.ready:
            return
        with self.lock:
            for key, value in zip(keys, values, strict=True):
                if value is not None:
                    self.versions.setdefault(key, value)

    def announce(self, mapping):
        with self.lock:
            self.versions.update(mapping)
        self.client.publish(CHANNEL, json.dumps(mapping))

    def forget(self):
        with self.lock:
            self.versions.clear()

    def _listen(self):
        pause = 1
        while True:
            try:
                self._subscribe_and_follow()
            except Exception as error:
                if pause == 1:
                    logger.warning("Page cache version feed interrupted: %s", error)
            self.ready = False
            self.forget()
            time.sleep(pause)
            pause = min(pause * 2, 30)

    def _subscribe_and_follow(self):
        pubsub = self.client.pubsub()
        try:
            pubsub.subscribe(CHANNEL)
            while True:
                message = pubsub.get_message(timeout=1.0)
                if message is None:
                    continue
                if message["type"] == "subscribe":
                    self.forget()
                    self.ready = True
                elif message["type"] == "message":
                    update = json.loads(message["data"])
                    with self.lock:
                        self.versions.update(update)
        finally:
            pubsub.close()


_feeds = {}
_feeds_lock = threading.Lock()


def feed_for(cache):
    """The process-wide feed for a Redis cache, or ``None`` for other cache backends."""
    client_factory = getattr(getattr(cache, "_cache", None), "get_client", None)
    location = getattr(cache, "_servers", None)
    if client_factory is None or location is None:
        return None
    key = tuple(location)
    feed = _feeds.get(key)
    if feed is None:
        with _feeds_lock:
            feed = _feeds.get(key)
            if feed is None:
                feed = _feeds[key] = VersionFeed(client_factory(write=True))
    return feed


def forget_all():
    """Empty every table, for when the cache itself was emptied (tests, ``clear()``)."""
    for feed in _feeds.values():
        feed.forget()
