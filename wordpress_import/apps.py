from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordpressImportConfig(AppConfig):
    name = "wordpress_import"
    verbose_name = _("WordPress import")
