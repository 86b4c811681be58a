import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from . import names, targets
from .models import BODY_MAX_LENGTH, Comment

TIMESTAMP_SALT = "comments.form.timestamp"


TARGET_KEYS = {"post": "p", "page": "g"}


def sign_timestamp(target, now=None):
    """The form's hidden token: when it was made, and for which post or page, signed."""
    made = int(now if now is not None else time.time())
    key = TARGET_KEYS[targets.field(target)]
    return signing.dumps({"t": made, key: target.pk}, salt=TIMESTAMP_SALT)


class CommentForm(forms.ModelForm):
    """The "Leave a reply" form. What its answers mean is ``comments.moderation``'s job.

    The form carries a signed token saying when it was made and for which post
    (``sign_timestamp``); it is signed, not stored, so a cached page works.
    """

    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    timestamp = forms.CharField(required=False, widget=forms.HiddenInput)
    homepage = forms.CharField(
        required=False, label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    author_url = forms.URLField(
        required=False, max_length=300, assume_scheme="https", label=_("Website"),
        error_messages={"invalid": _("Please enter a valid web address.")},
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    remember = forms.BooleanField(
        required=False,
        label=_("Save my name, e-mail and website in this browser for the next time I comment."),
    )

    class Meta:
        model = Comment
        fields = ["body", "author_name", "author_email", "author_url", "notify_replies"]
        help_texts = {"notify_replies": ""}
        labels = {
            "notify_replies": _("E-mail me when somebody replies to my comment."),
            "body": _("Comment"),
            "author_name": _("Name"),
            "author_email": _("E-mail address"),
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8, "cols": 45, "maxlength": 5000}),
            "author_name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
            "author_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "body": {"required": _("Please write a comment.")},
            "author_name": {"required": _("Please enter your name.")},
            "author_email": {
                "required": _("Please enter your e-mail address."),
                "invalid": _("Please enter a valid e-mail address."),
            },
        }

    ACCOUNT_FIELDS = ("author_name", "author_email", "author_url", "remember", "notify_replies")

    def __init__(self, *args, user=None, **kwargs):
        """A signed-in staff member writes as their account: the name, e-mail and website
        fields are left out and filled from it."""
        super().__init__(*args, **kwargs)
        self.account = user if user is not None and user.is_authenticated and \
            user.is_staff else None
        if self.account is not None:
            for name in self.ACCOUNT_FIELDS:
                del self.fields[name]
            self.instance.author_name = (self.account.get_full_name()
                                         or self.account.get_username())[:100]
            self.instance.author_email = self.account.email

    def form_age(self, target, now=None):
        """Seconds since the form was made for ``target``, or ``None`` when the token is not
        ours or was made for another post or page."""
        try:
            made = signing.loads(self.cleaned_data.get("timestamp") or "", salt=TIMESTAMP_SALT)
        except signing.BadSignature:
            return None
        key = TARGET_KEYS[targets.field(target)]
        if not (isinstance(made, dict) and made.get(key) == target.pk
                and isinstance(made.get("t"), int)):
            return None
        return (now if now is not None else time.time()) - made["t"]

    def clean_author_name(self):
        name = names.visible(self.cleaned_data["author_name"])
        if not name:
            raise forms.ValidationError(_("Please enter your name."), code="required")
        if names.is_reserved(name):
            raise forms.ValidationError(
                _("That name belongs to the people who run this site. Please comment under "
                  "your own name."), code="reserved")
        return name

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"id_{name}-error"}
                )


class ReplyForm(forms.Form):
    """The moderator's answer to a comment, written in the admin."""

    body = forms.CharField(
        label=_("Your reply"), max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
        error_messages={"required": _("Please write a reply.")},
    )
