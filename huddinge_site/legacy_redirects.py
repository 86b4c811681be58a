"""Old WordPress addresses keep working after a move.

WordPress linked posts as ``/?p=123`` (and pages as ``/?page_id=123``) besides
its pretty permalinks; the importer records each post's and page's WordPress
ID (one number series for both in WordPress) and its old permalink. Both are
answered with a permanent redirect, and only ever to a public post or page.
Lookups run only for ``?p=``/``?page_id=`` requests and for responses that
would otherwise be a 404, so ordinary requests pay nothing.
"""

from django.http import HttpResponsePermanentRedirect

from core.request_values import positive_int
from pages.models import Page
from posts.models import Post, Redirect

ID_PARAMETERS = ("p", "page_id")


class LegacyRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/" and request.method in {"GET", "HEAD"}:
            target = self._by_wordpress_id(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404:
            target = self._by_old_path(request)
            if target:
                return HttpResponsePermanentRedirect(target)
        return response

    @staticmethod
    def _by_wordpress_id(request):
        for name in ID_PARAMETERS:
            wordpress_id = positive_int(request.GET.get(name))
            if wordpress_id:
                found = (
                    Post.objects.published().filter(wordpress_id=wordpress_id).first()
                    or Page.objects.published().filter(wordpress_id=wordpress_id).first()
                )
                return found.get_absolute_url() if found else None
        return None

    @staticmethod
    def _by_old_path(request):
        candidates = {request.get_full_path(), request.path}
        found = (
            Redirect.objects.filter(old_path__in=candidates, post__in=Post.objects.published())
            .select_related("post")
            .first()
        )
        if found:
            return found.post.get_absolute_url()
        page = Page.objects.published().filter(old_path__in=candidates).first()
        return page.get_absolute_url() if page else None
