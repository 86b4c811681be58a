from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField

from core.admin_options import HTTPS_URLS, https_formfield
from core.models import SiteIdentity
from posts import images
from posts.editor import EditorWidget
from posts.revisions import RevisionsAdmin

from . import portrait
from .models import FrontPage, Page


@admin.register(Page)
class PageAdmin(RevisionsAdmin):
    list_display = ["title", "status", "show_in_menu", "menu_order", "comment_count",
                    "updated_at"]
    list_editable = ["menu_order"]
    list_filter = ["status", "show_in_menu"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (_("When and how"), {"classes": ["side", "publish"],
                             "fields": ["status", "show_in_menu", "menu_order", "comments_open",
                                        "show_portrait"]}),
    ]
    formfield_overrides = {MarkdownxField: {"widget": EditorWidget}}


class SiteIdentityForm(forms.ModelForm):
    """Portrait and icon are re-encoded like every other upload (``posts.images``)."""

    class Meta:
        model = SiteIdentity
        formfield_callback = https_formfield
        fields = ["site_name", "tagline", "site_icon", "accent", "footer_text", "person_name",
                  "role", "portrait", "bio", *SiteIdentity.SOCIAL_FIELDS, "contact_email",
                  "fediverse_handle"]
        widgets = {"accent": forms.TextInput(attrs={"type": "color"})}

    def clean_portrait(self):
        return _reencoded(self.cleaned_data.get("portrait"), PORTRAIT_SIDE)

    def clean_site_icon(self):
        return _reencoded(self.cleaned_data.get("site_icon"), ICON_SIDE)


PORTRAIT_SIDE, ICON_SIDE = 400, 512


def _reencoded(image, side):
    return images.reencode(image, side) if isinstance(image, UploadedFile) else image


@admin.register(SiteIdentity)
class SiteIdentityAdmin(admin.ModelAdmin):
    """One identity for the site: the list goes straight to its form, made on first use."""

    form = SiteIdentityForm
    formfield_overrides = HTTPS_URLS
    fieldsets = [
        (_("The site"), {"fields": ["site_name", "tagline", "site_icon", "accent", "footer_text"]}),
        (_("About you"), {"fields": ["person_name", "role", "portrait", "bio"]}),
        (_("Links"), {"fields": [*SiteIdentity.SOCIAL_FIELDS, "contact_email",
                                 "fediverse_handle"]}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "portrait" in form.changed_data:
            portrait.make_copies(obj)

    def changelist_view(self, request, extra_context=None):
        identity = SiteIdentity.objects.first() or SiteIdentity.objects.create(
            site_name=settings.SITE_NAME, tagline=settings.SITE_TAGLINE)
        return redirect("admin:core_siteidentity_change", identity.pk)


@admin.register(FrontPage)
class FrontPageAdmin(admin.ModelAdmin):
    """One setting: the list goes straight to its form, made on first use."""

    fields = ["front", "posts"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        setting, _ = FrontPage.objects.get_or_create(pk=1)
        return redirect("admin:pages_frontpage_change", setting.pk)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs["queryset"] = Page.objects.published()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
