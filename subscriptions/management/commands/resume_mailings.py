from django.core.management.base import BaseCommand

from subscriptions import sending, tasks


class Command(BaseCommand):
    help = ("Queue again every mailing a stopped worker left unfinished, and forget "
            "addresses never confirmed. Run before the worker starts.")

    def handle(self, **options):
        posts = sending.unfinished_posts()
        for post_id in posts:
            tasks.send_post.enqueue(post_id)
        for digest_id in sending.unfinished_digests():
            tasks.send_digest.enqueue(digest_id)
        forgotten = sending.forget_unconfirmed()
        self.stdout.write(f"{len(posts)} mailing(s) queued again, {forgotten} unconfirmed "
                          "address(es) forgotten.")
