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

The feed talks to Redis through its own redis-py client, made from the cache's
configured address, and announces on a channel named with the cache's key
prefix, so two sites sharing one Redis never hear each other.
"""

import json
import logging
import threading
import time

import redis
from django.conf import settings

logger = logging.getLogger(__name__)
REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"


class VersionFeed:
    def __init__(self, client, channel):
        self.client = client
        self.channel = channel
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
        self.client.publish(self.channel, json.dumps(mapping))

    def forget(self):
        with self.lock:
            self.versions.clear()

    def _listen(self):
        self.pause = 1
        while True:
            try:
                self._subscribe_and_follow()
            except Exception as error:
                if self.pause == 1:
                    logger.warning("Page cache version feed interrupted: %s", error)
            self.ready = False
            self.forget()
            time.sleep(self.pause)
            self.pause = min(self.pause * 2, 30)

    def _subscribe_and_follow(self):
        pubsub = self.client.pubsub()
        try:
            pubsub.subscribe(self.channel)
            while True:
                message = pubsub.get_message(timeout=1.0)
                if message is None:
                    continue
                if message["type"] == "subscribe":
                    self.forget()
                    self.ready = True
                    self.pause = 1
                elif message["type"] == "message":
                    update = json.loads(message["data"])
                    with self.lock:
                        self.versions.update(update)
        finally:
            pubsub.close()


_feeds = {}
_feeds_lock = threading.Lock()


def feed_for(alias):
    """The process-wide feed for cache ``alias`` when it is Redis, else ``None``."""
    config = settings.CACHES[alias]
    if config["BACKEND"] != REDIS_BACKEND:
        return None
    location = config["LOCATION"]
    url = location if isinstance(location, str) else location[0]
    channel = f"{config.get('KEY_PREFIX', '')}:pagecache:versions"
    key = (url, channel)
    feed = _feeds.get(key)
    if feed is None:
        with _feeds_lock:
            feed = _feeds.get(key)
            if feed is None:
                client = redis.Redis.from_url(url.split(",")[0], **config.get("OPTIONS", {}))
                feed = _feeds[key] = VersionFeed(client, channel)
    return feed


def forget_all():
    """Empty every table, for when the cache itself was emptied (tests, ``clear()``)."""
    for feed in _feeds.values():
        feed.forget()
