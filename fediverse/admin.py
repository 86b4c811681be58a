from django.contrib import admin

from .models import Block, Follower


@admin.register(Follower)
class FollowerAdmin(admin.ModelAdmin):
    list_display = ["actor", "created_at"]
    list_select_related = ["actor"]
    search_fields = ["actor__handle", "actor__uri"]

    def has_add_permission(self, request):
        return False


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    """Blocking a server or an account refuses what it sends from then on and removes
    its follow, reactions and held replies already here."""

    list_display = ["target", "created_at"]
    search_fields = ["target"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        from comments.models import Comment
        from comments.status import set_status

        from .models import Reaction, RemoteActor

        actors = RemoteActor.objects.filter(uri=obj.target) | RemoteActor.objects.filter(
            domain=obj.target)
        urls = list(actors.values_list("profile_url", flat=True))
        Comment.objects.filter(kind=Comment.Kind.FEDIVERSE, author_url__in=urls).exclude(
            status=Comment.Status.APPROVED).delete()
        set_status(Comment.objects.filter(kind=Comment.Kind.FEDIVERSE, author_url__in=urls),
                   Comment.Status.TRASH, request.user)
        Reaction.objects.filter(actor__in=actors).delete()
        Follower.objects.filter(actor__in=actors).delete()
