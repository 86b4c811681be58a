"""Tag versions pushed to every worker over Redis pub/sub, so a cache hit needs no round trip.

With Redis as the cache, asking Redis for a page's tag versions on every hit
costs more than serving the page (see the benchmark in docs/caching-and-benchmark.md). Instead,
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
  table is emptied and the cache is not used at all (``ready`` is false; pages
  are served uncached), so a missed message can never leave a stale page
  behind. Reconnecting backs off from 1 s to at most ``MAX_PAUSE`` and starts
  again from 1 s after every confirmed subscription.
* Each subscription notes the Redis server's ``run_id``. When it changes, Redis
  restarted, perhaps from a snapshot holding old versions beside old pages:
  ``on_restart`` (the page cache's "invalidate everything") runs before the
  feed is ready again.

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
MAX_PAUSE = 4
FIRST_SUBSCRIPTION_WAIT = 1.0


class VersionFeed:
    def __init__(self, client, channel, on_restart=None):
        self.client = client
        self.channel = channel
        self.on_restart = on_restart
        self.versions = {}
        self.ready = False
        self.pause = 1
        self.run_id = None
        self.subscribed = threading.Event()
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
        """Tell every process of new versions; ``None`` means the version was deleted."""
        self._take(mapping)
        self.client.publish(self.channel, json.dumps(mapping))

    def _take(self, mapping):
        with self.lock:
            for key, value in mapping.items():
                if value is None:
                    self.versions.pop(key, None)
                else:
                    self.versions[key] = value

    def forget(self):
        with self.lock:
            self.versions.clear()

    def _listen(self):
        while True:
            try:
                self._subscribe_and_follow()
            except Exception as error:
                if self.pause == 1:
                    logger.warning("Page cache version feed interrupted: %s", error)
            self.ready = False
            self.forget()
            time.sleep(self.pause)
            self.pause = min(self.pause * 2, MAX_PAUSE)

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
                    self._check_restart()
                    self.ready = True
                    self.pause = 1
                    self.subscribed.set()
                elif message["type"] == "message":
                    self._take(json.loads(message["data"]))
        finally:
            pubsub.close()

    def _check_restart(self):
        run_id = self.client.info("server")["run_id"]
        if self.run_id is not None and run_id != self.run_id and self.on_restart is not None:
            self.on_restart()
        self.run_id = run_id


_feeds = {}
_feeds_lock = threading.Lock()


def feed_for(alias, on_restart=None):
    """The process-wide feed for cache ``alias`` when it is Redis, else ``None``.

    A new feed is given a moment to subscribe, so a process's first requests can
    use the cache."""
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
                feed = _feeds[key] = VersionFeed(client, channel, on_restart)
                feed.subscribed.wait(FIRST_SUBSCRIPTION_WAIT)
    return feed


def forget_all():
    """Empty every table, for when the cache itself was emptied (tests, ``clear()``)."""
    for feed in _feeds.values():
        feed.forget()
