from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "posts"
    verbose_name = _("Posts")

    def ready(self):
        from core import page_cache

        from .models import Post

        page_cache.expire_lists_by(Post.next_scheduled_time)
