"""What changes what: the one rule that keeps cached pages true.

An object is *shown on* a set of cached pages (their tags, see
``core.page_cache``), and that set depends on its state: a published post is
on its own page, on every listing and in the comment feeds (which name its
title); a scheduled post is on no page yet, but listings must expire when its
time comes; a draft is nowhere. An approved comment is on the page of its post
(or standing page), on the listings (their comment counts and latest comments)
and in the comment feeds; a held, spam or trashed one is nowhere. A public
standing page is in the menu of every page (``everything``), and so are the
identity and the discussion settings (every post page's reply links and form).
A like or boost from the fediverse is counted on its post's page alone.

When an object is saved or deleted, the pages it was shown on before and the
pages it is shown on now are invalidated, and nothing else. "Before" is what
the object was loaded with (``core.tracking``), so this needs no query to
find it. Bulk work (moderating many comments, an import) saves object by
object inside ``page_cache.batched()``, which invalidates each tag once at the
end; nothing changes a public row behind this module's back.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from comments import targets
from comments.models import Comment, ModerationSettings
from core import identity, page_cache
from core.models import SiteIdentity
from fediverse.models import Reaction
from pages.models import FrontPage, Page
from posts.models import Category, Embed, Post, PressLink, Tag

LISTS, COMMENTS, EVERYTHING = page_cache.LISTS, page_cache.COMMENTS, page_cache.EVERYTHING


def post_shown_on(state, pk):
    """A public post shows on its own page, the lists and comment feeds, and in the
    links under the posts just before and after it."""
    match Post.publication_state(state["status"], state["published_at"]):
        case Post.State.PUBLISHED:
            post = Post(pk=pk, slug=state["slug"], published_at=state["published_at"])
            pages = {post.get_absolute_url()}
            pages |= {n.get_absolute_url() for n in post.neighbours() if n is not None}
            return {*map(page_cache.page_tag, pages), LISTS, COMMENTS}
        case Post.State.SCHEDULED:
            return {LISTS}
    return set()


def comment_shown_on(comment, state):
    """Where an approved comment shows. Deleting a post or page deletes its comments in
    no set order, so the post may be gone already: its own deletion invalidated its pages."""
    if not Comment.counts_as_approved(state):
        return set()
    if (state["post"], state["page"]) == (comment.post_id, comment.page_id):
        try:
            target = comment.target
        except ObjectDoesNotExist:
            return set()
    else:
        kind = "post" if state["post"] else "page"
        target = targets.MODELS[kind].objects.filter(pk=state[kind]).first()
    if target is None or not target.is_public:
        return set()
    return {page_cache.page_tag(target.get_absolute_url()), LISTS, COMMENTS}


def page_shown_on(state):
    if state["status"] != Page.Status.PUBLISHED:
        return set()
    return {EVERYTHING}


def _shown_on(instance, state):
    if state is None:
        return set()
    if isinstance(instance, Post):
        return post_shown_on(state, instance.pk)
    if isinstance(instance, Comment):
        return comment_shown_on(instance, state)
    return page_shown_on(state)


@receiver(post_save, sender=Post, dispatch_uid="invalidation.post_saved")
@receiver(post_save, sender=Comment, dispatch_uid="invalidation.comment_saved")
@receiver(post_save, sender=Page, dispatch_uid="invalidation.page_saved")
def saved(sender, instance, raw=False, **kwargs):
    before = _shown_on(instance, instance.state_before())
    now = _shown_on(instance, instance.state_now())
    page_cache.invalidate(before | now)


@receiver(post_delete, sender=Post, dispatch_uid="invalidation.post_deleted")
@receiver(post_delete, sender=Comment, dispatch_uid="invalidation.comment_deleted")
@receiver(post_delete, sender=Page, dispatch_uid="invalidation.page_deleted")
def deleted(sender, instance, **kwargs):
    page_cache.invalidate(_shown_on(instance, instance.state_before() or instance.state_now()))


@receiver(post_save, sender=PressLink, dispatch_uid="invalidation.presslink_saved")
@receiver(post_delete, sender=PressLink, dispatch_uid="invalidation.presslink_deleted")
@receiver(post_save, sender=Embed, dispatch_uid="invalidation.embed_saved")
@receiver(post_delete, sender=Embed, dispatch_uid="invalidation.embed_deleted")
def attachment_changed(sender, instance, **kwargs):
    """Press links and media show on their post's page; press links also on ``/press/``."""
    _invalidate_post_page(instance.post_id, LISTS)


def _invalidate_post_page(post_id, *also):
    """The page of post ``post_id``, if public, and ``also``."""
    post = Post.objects.filter(pk=post_id).first()
    if post is not None and post.is_public:
        page_cache.invalidate({page_cache.page_tag(post.get_absolute_url()), *also})


@receiver(post_save, sender=Reaction, dispatch_uid="invalidation.reaction_saved")
@receiver(post_delete, sender=Reaction, dispatch_uid="invalidation.reaction_deleted")
def reaction_changed(sender, instance, **kwargs):
    """Likes and boosts from the fediverse are counted on their post's page alone."""
    _invalidate_post_page(instance.post_id)


@receiver(m2m_changed, sender=Post.categories.through, dispatch_uid="invalidation.categories")
@receiver(m2m_changed, sender=Post.tags.through, dispatch_uid="invalidation.tags")
def terms_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    posts = [instance] if not reverse else Post.objects.published().filter(pk__in=pk_set or ())
    page_cache.invalidate(
        {LISTS, *(page_cache.page_tag(p.get_absolute_url()) for p in posts if p.is_public)}
    )


@receiver(post_save, sender=Category, dispatch_uid="invalidation.category_saved")
@receiver(post_save, sender=Tag, dispatch_uid="invalidation.tag_saved")
@receiver(pre_delete, sender=Category, dispatch_uid="invalidation.category_deleted")
@receiver(pre_delete, sender=Tag, dispatch_uid="invalidation.tag_deleted")
def term_changed(sender, instance, **kwargs):
    """A renamed or deleted category or tag is named on the listings and its posts' pages."""
    field = "categories" if sender is Category else "tags"
    posts = Post.objects.published().filter(**{field: instance}).only("slug", "published_at")
    page_cache.invalidate({LISTS, *(page_cache.page_tag(p.get_absolute_url()) for p in posts)})


@receiver(post_save, sender=SiteIdentity, dispatch_uid="invalidation.identity_saved")
def identity_changed(sender, instance, **kwargs):
    """The identity is in the header, sidebar and footer of every page."""
    identity.forget()
    page_cache.invalidate({EVERYTHING})


@receiver(post_save, sender=FrontPage, dispatch_uid="invalidation.front_page_saved")
def front_page_changed(sender, instance, **kwargs):
    """What the root shows, and every link to the pages that became or stopped being the
    front page (the menu is on every page)."""
    FrontPage.forget()
    page_cache.invalidate({EVERYTHING})


@receiver(post_save, sender=ModerationSettings, dispatch_uid="invalidation.discussion_saved")
def discussion_settings_changed(sender, instance, **kwargs):
    """Closing comments after some days and the depth of replies show on every post page."""
    page_cache.invalidate({EVERYTHING})
