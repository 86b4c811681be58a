"""The worker's side of the comments: mail about approved replies (``reply_notices``)."""

from django_tasks import task

from . import reply_notices


@task()
def notify_reply(comment_id):
    reply_notices.notify(comment_id)
