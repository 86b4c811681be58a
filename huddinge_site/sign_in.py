"""The admin's sign-in pages: password, then the second factor (see ``two_factor``)."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views import View

from core import identity
from core.no_store import never_stored

from . import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True,
                                      "inputmode": "text", "spellcheck": "false"}),
    )

    def clean_code(self):
        """As typed from a phone or a sheet of paper: spaces and capitals do not matter."""
        return "".join(self.cleaned_data["code"].split()).lower()


class PasswordStep(LoginView):
    """Django's admin login form (axes counts its failures); a right password leads to
    the second step instead of signing in."""

    form_class = AdminAuthenticationForm
    template_name = "admin/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **admin.site.each_context(self.request),
                "site_header": identity.current().site_name, "title": _("Log in")}

    def get_default_redirect_url(self):
        return "/" + settings.ADMIN_PATH

    def form_valid(self, form):
        user = form.get_user()
        two_factor.begin(self.request, user, self.get_success_url())
        if two_factor.has_device(user):
            return redirect("two-factor-verify")
        return redirect("two-factor-setup")


class SecondStep(View):
    template_name = None

    def dispatch(self, request, *args, **kwargs):
        self.user = two_factor.pending_user(request)
        if self.user is None:
            return redirect("admin:login")
        return super().dispatch(request, *args, **kwargs)

    def render(self, form, status=200, **context):
        context = {**admin.site.each_context(self.request), "form": form,
                   "title": _("Two-step sign-in"), "user_name": self.user.get_username(),
                   **context}
        return never_stored(TemplateResponse(self.request, self.template_name, context,
                                             status=status))


class VerifyStep(SecondStep):
    """A code from the user's app, or one of their recovery codes."""

    template_name = "two_factor/verify.html"

    def get(self, request):
        if not two_factor.has_device(self.user):
            return redirect("two-factor-setup")
        return self.render(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        device = form.is_valid() and two_factor.verify(request, self.user,
                                                       form.cleaned_data["code"])
        if not device:
            form.add_error(None, _("The code was wrong or too old, or you tried too often. "
                                   "Wait a moment and try a new code."))
            return self.render(form, status=400)
        return redirect(two_factor.finish(request, self.user, device))


class SetupStep(SecondStep):
    """Adding an authenticator app: scan, type a code to prove it works, keep the
    recovery codes shown once."""

    template_name = "two_factor/setup.html"

    def get(self, request):
        if two_factor.has_device(self.user):
            return redirect("two-factor-verify")
        return self.render(CodeForm(), **self.app(two_factor.new_app(request, self.user)))

    def post(self, request):
        if two_factor.has_device(self.user):
            return redirect("two-factor-verify")
        device = two_factor.session_app(request, self.user)
        if device is None:
            return redirect("two-factor-setup")
        form = CodeForm(request.POST)
        codes = form.is_valid() and two_factor.confirm_app(request, device,
                                                           form.cleaned_data["code"])
        if not codes:
            form.add_error(None, _("The code did not match. Check the time on your phone and "
                                   "type the code the app shows now."))
            return self.render(form, status=400, **self.app(device))
        next_url = two_factor.finish(request, self.user, device)
        self.template_name = "two_factor/recovery_codes.html"
        return self.render(None, codes=codes, next_url=next_url)

    @staticmethod
    def app(device):
        return {"qr": two_factor.qr_data_uri(device), "secret": two_factor.secret(device)}
