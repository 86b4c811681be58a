"""The admin site: Django's, with the number of held comments beside *Kommentarer* in
the menu and on the dashboard, as WordPress shows it, for those who may see them."""

from django.contrib import admin
from django.utils.translation import gettext as _


class SiteAdmin(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        from comments.models import Comment

        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for model in app["models"]:
                if model["model"] is Comment:
                    held = Comment.objects.filter(status=Comment.Status.PENDING).count()
                    if held:
                        model["name"] = _("%(name)s (%(count)d waiting)") % {
                            "name": model["name"], "count": held}
        return app_list
