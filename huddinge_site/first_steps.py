"""*Välkommen*: the first steps of a new site, on the dashboard until they are done.

Each step says what to do, links to where it is done, and shows as done from what
the database says (never from a click): the identity is the owner's once it is no
longer the demo's, the moderation mail has an address that is not an example one,
a WordPress import has finished, no demo content is left, a post of the owner's
own exists. The list can be hidden and shown again; it hides itself when all is
done.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from core.models import SetupState, SiteIdentity
from posts.models import Post
from wordpress_import import batches
from wordpress_import.models import ImportRun

from . import demo_content


def _identity_done(identity):
    return identity is not None and not demo_content.is_demo(identity)


def _email_done(user):
    domain = user.email.rpartition("@")[2].lower()
    return bool(user.email) and domain.split(".")[0] not in {"example", "localhost"}


def _own_post_done():
    demo = batches.made_ids(demo_content.BATCH, Post)
    return Post.objects.exclude(pk__in=demo).filter(import_ref__isnull=True).exists()


def steps(request):
    """The steps for this user, or ``None`` when hidden or not theirs to take."""
    user = request.user
    if not user.has_perm("posts.add_post"):
        return None
    identity = SiteIdentity.objects.first()
    identity_url = (reverse("admin:core_siteidentity_change", args=[identity.pk]) if identity
                    else reverse("admin:core_siteidentity_add"))
    demo_left = demo_content.remaining()
    found = [
        {"title": _("Tell readers who you are"),
         "text": _("Your name, title and party, a portrait and a few lines about you."),
         "url": identity_url, "done": _identity_done(identity)},
        {"title": _("Your e-mail address for comments"),
         "text": _("Comments that wait for you are mailed there."),
         "url": reverse("admin:my-email"),
         "done": _email_done(user)},
        {"title": _("Move your WordPress blog here"),
         "text": _("Posts, pages, comments, images and old links, from the export file."),
         "url": reverse("admin:wordpress_import_importrun_add"),
         "done": ImportRun.objects.filter(state=ImportRun.State.DONE).exists()},
        {"title": _("Remove the demo content"),
         "text": (_("%(count)d demo objects are left; what you changed stays.")
                  % {"count": demo_left}) if demo_left else _("No demo content is left."),
         "url": reverse("admin:demo-remove"), "done": not demo_left},
        {"title": _("Write your first post"),
         "text": _("A heading, a few paragraphs, an image: then publish or schedule it."),
         "url": reverse("admin:posts_post_add"), "done": _own_post_done()},
    ]
    state = SetupState.current()
    all_done = all(step["done"] for step in found)
    return {"steps": found, "hidden": state.welcome_hidden or all_done, "all_done": all_done}


@require_POST
def toggle(request):
    """Hide the first steps, or show them again."""
    if not request.user.has_perm("posts.add_post"):
        raise PermissionDenied
    state = SetupState.current()
    state.welcome_hidden = request.POST.get("show") != "1"
    state.save(update_fields=["welcome_hidden"])
    return redirect("admin:index")


def remove_demo(request):
    """One confirmed click: the demo content goes, what the owner wrote stays."""
    if not request.user.has_perms(["posts.delete_post", "pages.delete_page"]):
        raise PermissionDenied
    if request.method == "POST":
        removed, kept = demo_content.remove()
        messages.success(request, _("The demo content is removed (%(removed)d objects). "
                                    "%(kept)d you had changed or used are kept.")
                         % {"removed": removed, "kept": kept})
        return redirect("admin:index")
    from django.contrib import admin

    context = {**admin.site.each_context(request), "title": _("Remove the demo content"),
               "count": demo_content.remaining()}
    return TemplateResponse(request, "admin/demo_remove.html", context)


class EmailForm(forms.Form):
    email = forms.EmailField(label=_lazy("Your e-mail address"), widget=forms.EmailInput(
        attrs={"autocomplete": "email", "autofocus": True}))


def my_email(request):
    """Where the signed-in user's mail (held comments, privacy requests) goes."""
    form = EmailForm(request.POST or None, initial={"email": request.user.email})
    if form.is_valid():
        request.user.email = form.cleaned_data["email"]
        request.user.save(update_fields=["email"])
        messages.success(request, _("Your e-mail address is saved."))
        return redirect("admin:index")
    from django.contrib import admin

    context = {**admin.site.each_context(request), "title": _("Your e-mail address"),
               "form": form}
    return TemplateResponse(request, "admin/my_email.html", context)
