"""What the blog says to the fediverse, as ActivityStreams documents.

The blog is one ``Person`` actor (``@handle@domain``; the handle from the site
identity, the site's share card as the profile's header). Each public post is an
``Article`` with its own id under ``/fediverse/posts/<pk>`` (so a server asking for it
gets JSON, a browser the post), its permalink as ``url``, its tags as hashtags,
language Swedish. The blog's answer to a reply from the fediverse is a ``Note`` under
``/fediverse/comments/<pk>``, naming the one it answers.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape, linebreaks
from django.utils.text import slugify

from core import identity
from core.site_url import absolute, absolute_links

from . import keys

CONTEXT = ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"]
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
RFC9421 = "https://datatracker.ietf.org/doc/html/rfc9421"


def domain():
    return settings.SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0]


def handle():
    current = identity.current()
    return (current.fediverse_handle
            or slugify(current.person_name or current.site_name).replace("-", "") or "blogg")


def actor_id():
    return absolute(reverse("fediverse:actor"))


def key_id():
    return actor_id() + "#main-key"


def followers_id():
    return absolute(reverse("fediverse:followers"))


def post_id(post):
    return absolute(reverse("fediverse:post", args=[post.pk]))


def actor_document():
    current = identity.current()
    document = {
        "@context": CONTEXT,
        "id": actor_id(),
        "type": "Person",
        "preferredUsername": handle(),
        "name": current.person_name or current.site_name,
        "summary": linebreaks(escape(current.bio or current.tagline)),
        "url": absolute("/"),
        "inbox": absolute(reverse("fediverse:inbox")),
        "outbox": absolute(reverse("fediverse:outbox")),
        "followers": followers_id(),
        "endpoints": {"sharedInbox": absolute(reverse("fediverse:inbox"))},
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "publicKey": {"id": key_id(), "owner": actor_id(),
                      "publicKeyPem": keys.current().public_pem},
        "generator": {"type": "Application", "name": "huddinge_site", "implements": [
            {"name": "RFC-9421: HTTP Message Signatures", "href": RFC9421}]},
        "attachment": [
            {"type": "PropertyValue", "name": label,
             "value": f'<a href="{escape(url)}" rel="me">{escape(url)}</a>'}
            for label, url in [("Webbplats", absolute("/")), *current.links]],
    }
    if current.portrait_url:
        document["icon"] = {"type": "Image", "url": absolute(current.portrait_url)}
    document["image"] = {"type": "Image", "mediaType": "image/png",
                         "url": absolute(static("share.png"))}
    return document


def article(post):
    content = absolute_links(post.body_html)
    document = {
        "id": post_id(post),
        "type": "Article",
        "attributedTo": actor_id(),
        "name": post.title,
        "summary": escape(post.summary),
        "content": content,
        "contentMap": {"sv": content},
        "url": absolute(post.get_absolute_url()),
        "published": post.published_at.isoformat(),
        "updated": post.updated_at.isoformat(),
        "to": [PUBLIC],
        "cc": [followers_id()],
        "tag": [{"type": "Hashtag", "name": "#" + tag.name.replace(" ", ""),
                 "href": absolute(tag.get_absolute_url())} for tag in post.tags.all()],
    }
    if post.featured_image:
        document["image"] = {"type": "Image", "url": absolute(post.featured_image.url),
                             "name": post.featured_image_alt}
    return document


def wrap(kind, obj, activity_id, to=(PUBLIC,)):
    return {"@context": CONTEXT, "id": activity_id, "type": kind, "actor": actor_id(),
            "to": list(to), "cc": [followers_id()], "object": obj}


def create(post):
    return wrap("Create", article(post), post_id(post) + "#create")


def update(post):
    return wrap("Update", article(post), f"{post_id(post)}#update-{post.updated_at.timestamp()}")


def delete(post_pk):
    object_id = absolute(reverse("fediverse:post", args=[post_pk]))
    return wrap("Delete", {"id": object_id, "type": "Tombstone"}, object_id + "#delete")


def comment_id_for(pk):
    return absolute(reverse("fediverse:comment", args=[pk]))


def answer(comment, replied_to):
    """The blog's ``Note`` answering a reply from the fediverse, naming its writer
    (``replied_to``, a ``RemoteActor``) so their server shows it to them."""
    mention = (f'<span class="h-card"><a href="{escape(replied_to.profile_url)}" '
               f'class="u-url mention">{escape(replied_to.handle or replied_to.name)}</a></span>')
    content = comment.body_html
    content = (content.replace("<p>", f"<p>{mention} ", 1) if content.startswith("<p>")
               else f"<p>{mention}</p>{content}")
    return {
        "id": comment_id_for(comment.pk),
        "type": "Note",
        "attributedTo": actor_id(),
        "inReplyTo": comment.parent.remote_id,
        "content": content,
        "contentMap": {"sv": content},
        "url": absolute(comment.get_absolute_url()),
        "published": comment.submitted_at.isoformat(),
        "to": [PUBLIC],
        "cc": [followers_id(), replied_to.uri],
        "tag": [{"type": "Mention", "href": replied_to.uri,
                 "name": replied_to.handle or replied_to.uri}],
    }


def accept(follow):
    return {"@context": CONTEXT, "id": actor_id() + "#accept-" + slugify(follow.get("id", ""))[:80],
            "type": "Accept", "actor": actor_id(), "object": follow}
