"""The blog as a fediverse account: its key, the servers' actors that follow it, what
they did to its posts, and who is blocked. See ``fediverse.inbox`` for the rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from posts.models import Post


class ActorKey(models.Model):
    """The blog's one signing key (RSA, as Mastodon expects), made on first use."""

    private_pem = models.TextField()
    public_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"key {self.pk}"


class RemoteActor(models.Model):
    uri = models.URLField(_("address"), max_length=500, unique=True)
    domain = models.CharField(_("server"), max_length=253, db_index=True)
    handle = models.CharField(_("account"), max_length=300, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    profile_url = models.URLField(_("profile"), max_length=500, blank=True)
    inbox = models.URLField(max_length=500)
    shared_inbox = models.URLField(max_length=500, blank=True)
    key_id = models.URLField(max_length=500)
    public_pem = models.TextField()
    avatar = models.CharField(max_length=200, blank=True)
    takes_rfc9421 = models.BooleanField(
        default=False, help_text="Its server signs or says it verifies RFC 9421 signatures.")
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = _("fediverse account")
        verbose_name_plural = _("fediverse accounts")

    def __str__(self):
        return self.handle or self.uri

    @property
    def delivery_inbox(self):
        """Where to send it activities: its server's shared inbox, standing for all its
        users there, where the server has one."""
        return self.shared_inbox or self.inbox


class Follower(models.Model):
    actor = models.OneToOneField(RemoteActor, models.CASCADE, verbose_name=_("account"))
    follow_id = models.URLField(max_length=500)
    created_at = models.DateTimeField(_("following since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")

    def __str__(self):
        return str(self.actor)


class Reaction(models.Model):
    class Kind(models.TextChoices):
        LIKE = "like", _("Like")
        ANNOUNCE = "announce", _("Boost")

    post = models.ForeignKey(Post, models.CASCADE, related_name="reactions")
    actor = models.ForeignKey(RemoteActor, models.CASCADE)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    activity_id = models.URLField(max_length=500)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "actor", "kind"],
                                               name="one_reaction_per_kind")]

    def __str__(self):
        return f"{self.kind} {self.post_id}"


class Block(models.Model):
    """A server (``example.social``) or one account (its address) the blog refuses."""

    target = models.CharField(
        _("server or account"), max_length=500, unique=True,
        help_text=_("A server's name (example.social) or an account's address "
                    "(https://example.social/users/name)."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")

    def __str__(self):
        return self.target


class Unreachable(models.Model):
    """A server that took none of a delivery's tries (``delivery.BACKOFF``): nothing more
    is sent to it until it is heard from again or ``delivery.DEAD_FOR`` has passed."""

    domain = models.CharField(max_length=253, unique=True)
    since = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.domain
