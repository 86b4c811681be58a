"""*Redigera* on the public site for signed-in staff, without a cached page ever
holding it.

Public pages are the same for everyone (the page cache and Varnish serve one copy),
so the link cannot be in them. Instead the admin's responses give staff a small
cookie, ``huddinge_edit``, holding the admin's address, and take it back when the
user is no longer signed in as staff; the page's script (``static/js/site.js``) sees
it and puts a link to the admin's change form next to the post's or page's title,
from the ``data-edit`` mark every copy carries (the kind and number only, so the
admin's address is never in a public page). The cookie grants nothing: the admin
still asks for the session.
"""

from django.conf import settings

COOKIE = "huddinge_edit"


class EditLinkCookieMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin = f"/{settings.ADMIN_PATH}"

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.admin):
            return response
        user = getattr(request, "user", None)
        staff = bool(user and user.is_authenticated and user.is_staff)
        if staff and request.COOKIES.get(COOKIE) != self.admin:
            response.set_cookie(COOKIE, self.admin, samesite="Lax",
                                secure=settings.SESSION_COOKIE_SECURE,
                                max_age=settings.SESSION_COOKIE_AGE)
        elif not staff and COOKIE in request.COOKIES:
            response.delete_cookie(COOKIE, samesite="Lax")
        return response
