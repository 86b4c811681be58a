"""Autosave: the writer's text reaches the server every ``AUTOSAVE_SECONDS`` while they write.

As in WordPress, an autosave is kept beside the post, never over it: a half-written
change to a published post does not reach its page, and the revision list (one per
real save) is not flooded. Reopening the post shows the autosaved text when it is
newer than the saved one, with a message saying so; saving the post for real
removes the autosave. A new post's first autosave makes it a draft, and the editor
carries on in that draft's form. ``static/js/autosave.js`` sends the text, shows
"Sparad kl. 14:02" and warns before leaving with text not yet sent.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Autosave, Post

FIELDS = ("title", "excerpt", "body")


def _time(moment):
    return formats.time_format(timezone.localtime(moment), "H:i")


class AutosaveAdmin:
    """Mixed into ``PostAdmin``: the autosave endpoints and the autosave shown on reopening."""

    def get_urls(self):
        return [
            path("autosave/", self.admin_site.admin_view(self.autosave),
                 name="posts_post_autosave_new"),
            path("<path:object_id>/autosave/", self.admin_site.admin_view(self.autosave),
                 name="posts_post_autosave"),
            *super().get_urls(),
        ]

    def autosave(self, request, object_id=None):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        text = {name: request.POST.get(name, "") for name in FIELDS}
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            post = Post.objects.create(title=" ".join(text["title"].split()) or _("(no title)"),
                                       author=request.user, status=Post.Status.DRAFT)
        else:
            post = get_object_or_404(Post, pk=object_id)
            if not self.has_change_permission(request, post):
                raise PermissionDenied
        saved, _created = Autosave.objects.update_or_create(post=post, user=request.user,
                                                            defaults=text)
        return JsonResponse({
            "message": _("Saved at %(time)s") % {"time": _time(saved.saved_at)},
            "change_url": reverse("admin:posts_post_change", args=[post.pk]),
            "autosave_url": reverse("admin:posts_post_autosave", args=[post.pk]),
        })

    def get_object(self, request, object_id, from_field=None):
        post = super().get_object(request, object_id, from_field)
        if (post is not None and request.method == "GET"
                and request.resolver_match.url_name == "posts_post_change"):
            newer = post.autosaves.filter(user=request.user, saved_at__gt=post.updated_at).first()
            if newer is not None:
                for name in FIELDS:
                    setattr(post, name, getattr(newer, name))
                messages.info(request, _(
                    "This shows the text saved automatically at %(time)s, newer than the "
                    "saved post. Save to keep it.") % {"time": _time(newer.saved_at)})
        return post

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        context["autosave_url"] = (reverse("admin:posts_post_autosave", args=[obj.pk]) if obj
                                   else reverse("admin:posts_post_autosave_new"))
        context["autosave_seconds"] = settings.AUTOSAVE_SECONDS
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        Autosave.objects.filter(post=obj, user=request.user).delete()
