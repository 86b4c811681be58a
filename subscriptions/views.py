from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from core.client_ip import client_ip
from core.form_origin import sent_from_this_site
from core.no_store import never_stored

from . import signup, tokens
from .forms import SubscribeForm


@method_decorator(csrf_exempt, name="dispatch")
class SubscribeView(View):
    """The subscription page, and where every subscribe form posts (forms on cached
    pages carry no CSRF token; the browser's ``Origin`` stands in)."""

    template_name = "subscriptions/subscribe.html"

    def get(self, request):
        return self.show(SubscribeForm(initial={"source": "page"}))

    def post(self, request):
        form = SubscribeForm(request.POST)
        if not sent_from_this_site(request):
            form.add_error(None, _("The form was not sent from this site. Please try again."))
            return self.show(form, status=403)
        if not form.is_valid():
            return self.show(form, status=400)
        if signup.throttled(client_ip(request)):
            form.add_error(None, _("Too many sign-ups from your connection. Try again in an "
                                   "hour."))
            return self.show(form, status=429)
        if not form.cleaned_data["homepage"]:
            signup.sign_up(form.cleaned_data["email"], form.cleaned_data["source"],
                           form.cleaned_data["frequency"])
        return self.show(None, sent_to=form.cleaned_data["email"])

    def show(self, form, status=200, **context):
        return never_stored(TemplateResponse(self.request, self.template_name,
                                         {"form": form, **context}, status=status))


class ConfirmView(View):
    """The link in the confirmation mail: a page with a button, so that a mail scanner
    opening every link confirms nothing; the button confirms."""

    template_name = "subscriptions/confirm.html"

    def get(self, request, token):
        valid = tokens.confirmed_id(token) is not None
        return self.show({"valid": valid}, status=200 if valid else 404)

    def post(self, request, token):
        subscriber = signup.confirm(tokens.confirmed_id(token))
        return self.show({"valid": subscriber is not None, "done": subscriber is not None},
                         status=200 if subscriber else 404)

    def show(self, context, status):
        return never_stored(TemplateResponse(self.request, self.template_name, context,
                                         status=status))


@method_decorator(csrf_exempt, name="dispatch")
class StopView(View):
    """The unsubscribe link: a page with a button (and one to change how often instead),
    and the one-click POST a mail program sends from ``List-Unsubscribe-Post`` (RFC 8058),
    without signing in. Every link gets the same answer, known address or not."""

    template_name = "subscriptions/stop.html"
    CHANGES = {"each", "weekly"}

    def get(self, request, token):
        return self.show(done=None)

    def post(self, request, token):
        subscriber_id = tokens.stopped_id(token)
        wanted = request.POST.get("frequency")
        if wanted in self.CHANGES:
            if subscriber_id is not None:
                signup.change(subscriber_id, wanted)
            return self.show(done=wanted)
        if subscriber_id is not None:
            signup.stop(subscriber_id)
        return self.show(done="stop")

    def show(self, done):
        return never_stored(TemplateResponse(self.request, self.template_name, {"done": done}))
