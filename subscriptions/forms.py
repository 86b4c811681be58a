from django import forms
from django.utils.translation import gettext_lazy as _

SOURCES = {
    "page": _("the subscription page"),
    "post": _("the form under a post"),
    "sidebar": _("the form beside the posts"),
}
CONSENT_TEXT = _("New posts by e-mail. We keep only your address, and proof that you asked, "
                 "until you unsubscribe: every mail has a link for it.")


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254,
        error_messages={"required": _("Please enter your e-mail address."),
                        "invalid": _("Please enter a valid e-mail address."),
                        "max_length": _("An e-mail address has at most 254 characters.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    frequency = forms.ChoiceField(
        label=_("How often"), choices=[("each", _("Each new post")),
                                       ("weekly", _("A letter a week with the week's posts"))],
        initial="each", required=False, widget=forms.RadioSelect)
    source = forms.ChoiceField(choices=list(SOURCES.items()), required=False,
                               widget=forms.HiddenInput)
    homepage = forms.CharField(required=False, label=_("Leave this field empty"),
                               widget=forms.TextInput(attrs={"tabindex": "-1",
                                                             "autocomplete": "off"}))

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
