"""The media bucket, checked before the site starts serving from it.

With ``S3_BUCKET`` set, every upload, image size and backup goes to that bucket; a
bucket that does not exist (a typo, a new store) used to pass ``check --deploy`` and
fail later, in the middle of ``load_demo`` or the first upload, with botocore's
``NoSuchBucket``. ``check --deploy`` now asks the store, and
``manage.py media_bucket --create`` makes the bucket once, from one server.
"""

from django.core.checks import Error, register
from django.core.files.storage import default_storage

from core import storage

MISSING, REFUSED, UNREACHABLE = "missing", "refused", "unreachable"


def bucket_problem():
    """``None`` when the bucket answers; else what is wrong, as a kind and a sentence."""
    from botocore.exceptions import BotoCoreError, ClientError

    name = default_storage.bucket_name
    try:
        default_storage.connection.meta.client.head_bucket(Bucket=name)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in {"404", "NoSuchBucket"}:
            return MISSING, f"The media bucket {name!r} does not exist."
        return REFUSED, f"The media bucket {name!r} refuses this server: {error}."
    except BotoCoreError as error:
        return UNREACHABLE, f"The media store does not answer: {error}."
    return None


@register(deploy=True)
def media_bucket(app_configs, **kwargs):
    if not storage.in_a_bucket():
        return []
    problem = bucket_problem()
    if problem is None:
        return []
    return [Error(problem[1], hint="Check S3_BUCKET, S3_ENDPOINT_URL and the keys; create the "
                                "bucket with `manage.py media_bucket --create`.",
                  id="huddinge_site.E003")]
