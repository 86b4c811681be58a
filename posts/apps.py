from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "posts"
    verbose_name = _("Posts")

    def ready(self):
        from django.db.backends.signals import connection_created

        from core import lifetimes

        from . import signals  # noqa: F401
        from .models import Post
        from .search import register_fold

        lifetimes.expire_by(Post.next_scheduled_time)
        connection_created.connect(register_fold, dispatch_uid="posts.fold")
