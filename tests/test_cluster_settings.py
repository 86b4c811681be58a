"""Settings a cluster must have: refused at start-up when missing."""

from django.core.checks import run_checks

FILE_CACHE = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
              "LOCATION": "/nonexistent"}
REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache",
         "LOCATION": "redis://127.0.0.1:6379/0"}
BUCKET = {"BACKEND": "core.shared_storage.SharedMediaStorage", "OPTIONS": {"bucket_name": "media"}}


def problems():
    return {message.id for message in run_checks() if message.id.startswith("huddinge_site")}


def test_one_server_may_use_the_file_cache_and_local_media(settings):
    settings.CACHES = {"default": FILE_CACHE}
    assert problems() == set()


def test_several_servers_are_refused_the_file_cache_and_local_media(settings):
    settings.NODE_COUNT = 2
    settings.CACHES = {"default": FILE_CACHE}
    assert problems() == {"huddinge_site.E001", "huddinge_site.E002", "huddinge_site.W001"}


def test_several_front_caches_count_as_several_servers(settings):
    settings.FRONT_CACHE_URLS = ["http://10.0.0.1:6081", "http://10.0.0.2:6081"]
    settings.CACHES = {"default": FILE_CACHE}
    assert "huddinge_site.E001" in problems()


def test_a_cluster_with_redis_shared_media_and_its_proxy_count_passes(settings):
    settings.NODE_COUNT = 2
    settings.CACHES = {"default": REDIS}
    settings.STORAGES = {**settings.STORAGES, "default": BUCKET}
    settings.TRUSTED_PROXY_COUNT = 2
    assert problems() == set()
