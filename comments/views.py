from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from core.form_origin import sent_from_this_site
from core.no_store import never_stored

from . import cookies, privacy, reply_notices, targets
from .forms import CommentForm
from .models import Comment
from .submission import Refused, submit


@method_decorator(csrf_exempt, name="dispatch")
class CommentView(View):
    """Receive the "Leave a reply" form under a post (or, as ``PageCommentView``, a page);
    post/redirect/get on success."""

    http_method_names = ["get", "post"]
    kind = "post"
    template_name = "posts/post_detail.html"

    def get(self, request, pk):
        """The form's address opened directly (a reload, a shared link): the page's form."""
        target = get_object_or_404(targets.published(self.kind), pk=pk)
        return redirect(target.get_absolute_url() + "#respond")

    def post(self, request, pk):
        target = get_object_or_404(targets.published(self.kind), pk=pk)
        form = CommentForm(request.POST, user=request.user)
        valid = form.is_valid()
        if not sent_from_this_site(request):
            refusal = Refused(_("The form was not sent from this site. Please try again."), 403)
            return self.refuse(target, form, refusal)
        if not valid:
            return self.show_form(target, form, status=400)
        try:
            comment = submit(form, target, request)
        except Refused as refusal:
            return self.refuse(target, form, refusal)
        response = redirect(comment.get_absolute_url())
        cookies.remember_author(response, comment, form.cleaned_data.get("remember"))
        if comment.status in (Comment.Status.PENDING, Comment.Status.SPAM):
            cookies.add_pending(request, response, comment)
        return response

    def refuse(self, target, form, refusal):
        form.add_error(None, refusal.message)
        return self.show_form(target, form, status=refusal.status)

    def show_form(self, target, form, status):
        context = {self.kind: target, "object": target, "comment_form": form}
        return TemplateResponse(self.request, self.template_name, context, status=status)


class PageCommentView(CommentView):
    kind = "page"
    template_name = "pages/page_detail.html"


class PrivacyConfirmView(View):
    """The link mailed to a commenter: a page asking to confirm, then the request done.

    Following the link only shows the question; mail scanners that open every link
    must not erase anything, so confirming is a POST.
    """

    template_name = "comments/privacy_confirm.html"

    def get(self, request, token):
        return self.show(privacy.pending_request(token))

    def post(self, request, token):
        privacy_request = privacy.pending_request(token)
        if privacy_request is None:
            return self.show(None)
        try:
            done = privacy.carry_out(privacy_request)
        except OSError:
            return self.show(privacy_request, failed=True, status=503)
        return self.show(done)

    def show(self, privacy_request, failed=False, status=200):
        context = {"privacy_request": privacy_request, "failed": failed}
        status = 404 if privacy_request is None else status
        return never_stored(TemplateResponse(self.request, self.template_name, context,
                                             status=status))


class ReplyMailConfirmView(View):
    """The link in the confirmation mail: a page with a button, so that a mail scanner
    opening every link confirms nothing."""

    def get(self, request, token):
        return self.show({"asking": True})

    def post(self, request, token):
        confirmed = reply_notices.confirm(token) is not None
        return self.show({"confirmed": confirmed}, status=200 if confirmed else 404)

    def show(self, context, status=200):
        return never_stored(TemplateResponse(self.request, "comments/reply_mail.html",
                                         {"kind": "confirm", **context}, status=status))


@method_decorator(csrf_exempt, name="dispatch")
class ReplyMailStopView(View):
    """A reply mail's stop link: one button, and the one-click POST of a mail program
    (RFC 8058); no sign-in, and one answer for every link."""

    def get(self, request, token):
        return self.show(done=False)

    def post(self, request, token):
        reply_notices.stop(token)
        return self.show(done=True)

    def show(self, done):
        return never_stored(TemplateResponse(self.request, "comments/reply_mail.html",
                                         {"kind": "stop", "done": done}))
