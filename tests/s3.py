"""An S3-compatible store over real HTTP for tests: the one ``.ci/run`` started
(``S3_TEST_ENDPOINT_URL``) or a moto server started here."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
import pytest

from benchmarks.servers import free_port

KEYS = {"S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture(scope="session")
def s3_endpoint():
    given = os.environ.get("S3_TEST_ENDPOINT_URL")
    if given:
        yield given
        return
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        endpoint = ready(f"http://127.0.0.1:{port}")
    except Exception:
        server.terminate()
        raise
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


def ready(endpoint, timeout=30):
    """``endpoint`` once the store there answers (a moto server just started)."""
    client = _client(endpoint)
    deadline = time.monotonic() + timeout
    while True:
        try:
            client.list_buckets()
            return endpoint
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _client(endpoint):
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"],
                        aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"])


class Bucket:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.name = f"media-{uuid.uuid4().hex[:12]}"
        self.client = _client(endpoint)
        self.client.create_bucket(Bucket=self.name)

    def names(self):
        listed = self.client.list_objects_v2(Bucket=self.name).get("Contents", [])
        return sorted(item["Key"] for item in listed)

    def read(self, name):
        return self.client.get_object(Bucket=self.name, Key=name)["Body"].read()

    def environment(self):
        """The settings a server reads to keep its media in this bucket."""
        return {"S3_BUCKET": self.name, "S3_ENDPOINT_URL": self.endpoint,
                "S3_REGION": "us-east-1", **KEYS}

    def storage_setting(self):
        return {"BACKEND": "core.shared_storage.SharedMediaStorage", "OPTIONS": {
            "bucket_name": self.name, "endpoint_url": self.endpoint, "region_name": "us-east-1",
            "access_key": KEYS["S3_ACCESS_KEY_ID"], "secret_key": KEYS["S3_SECRET_ACCESS_KEY"],
            "file_overwrite": False, "querystring_auth": False, "default_acl": None,
        }}


@pytest.fixture
def bucket(s3_endpoint, settings):
    """This test's media in a new bucket of the S3-compatible store."""
    made = Bucket(s3_endpoint)
    settings.STORAGES = {**settings.STORAGES, "default": made.storage_setting()}
    return made


@pytest.fixture
def own_store():
    """A bucket in a moto server of this test's own, which it may stop and start
    (``process``), leaving the shared one alone."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        made = Bucket(ready(f"http://127.0.0.1:{port}"))
        made.process = server
        yield made
    finally:
        server.send_signal(signal.SIGCONT)
        server.terminate()
        server.wait(timeout=10)
