from django.core.management.base import BaseCommand, CommandError

from huddinge_site import rerender


class Command(BaseCommand):
    help = ("Render every post, page and comment again from its text, with today's rules "
            "(run after an upgrade that changes how text is rendered or cleaned).")

    def handle(self, **options):
        try:
            counts = rerender.render_everything()
        except rerender.InvalidAddress as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Rendered again: {counts['post']} posts, {counts['page']} pages, "
            f"{counts['comment']} comments."))
