import logging
from dataclasses import asdict

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin_options import HTTPS_URLS, https_formfield

from . import history_words, images, media_library, posters, press_outlets
from .autosave import AutosaveAdmin
from .editor import EditorWidget, LibraryImageInput
from .models import Category, Embed, Post, PressLink, Redirect, Tag, UploadedImage
from .previews import PreviewAdmin
from .revisions import RevisionsAdmin

logger = logging.getLogger(__name__)


class PostAdminForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = [
            "title", "slug", "body", "excerpt", "published_at", "author",
            "comments_open", "sticky", "email_subscribers", "featured_image",
            "featured_image_alt", "categories",
        ]
        widgets = {"body": EditorWidget, "categories": forms.CheckboxSelectMultiple,
                   "featured_image": LibraryImageInput}

    featured_from_library = forms.ModelChoiceField(
        queryset=UploadedImage.objects.all(), required=False, widget=forms.HiddenInput)

    tag_names = forms.CharField(
        label=_("Tags"), required=False, max_length=1000,
        help_text=_("Separate tags with commas. A tag not used before is created when the "
                    "post is saved."),
        widget=forms.TextInput(attrs={"class": "vLargeTextField", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        """Tags are typed as words, as in WordPress, rather than picked in a list that
        needs a pop-up window for every new one."""
        super().__init__(*args, **kwargs)
        self.status_before = self.instance.status if self.instance.pk else None
        when = self.fields["published_at"].widget if "published_at" in self.fields else None
        if hasattr(when, "widgets"):
            when.widgets[0].attrs["aria-label"] = _("Publication date")
            when.widgets[1].attrs["aria-label"] = _("Publication time of day")
        if self.instance.pk:
            self.initial.setdefault(
                "tag_names", ", ".join(tag.name for tag in self.instance.tags.all())
            )

    def clean_tag_names(self):
        names = {}
        for name in self.cleaned_data["tag_names"].split(","):
            name = " ".join(name.split())
            if len(name) > Tag._meta.get_field("name").max_length:
                raise forms.ValidationError(_("A tag can be at most 100 characters long."))
            if name:
                names.setdefault(name.casefold(), name)
        return list(names.values())

    def _save_m2m(self):
        super()._save_m2m()
        known = {}
        for tag in Tag.objects.order_by("-pk"):
            known[tag.name.casefold()] = tag
        self.instance.tags.set([known.get(name.casefold()) or Tag.objects.create(name=name)
                                for name in self.cleaned_data.get("tag_names", [])])

    def clean(self):
        """The publishing buttons set the status and time, as in WordPress, instead of the
        writer choosing them: *Publicera* publishes now, or at the time given when that is
        in the future (the button then reads *Schemalägg*); *Publicera nu* ignores a future
        time; *Spara utkast* and *Avpublicera* make a draft; *Uppdatera* keeps the state."""
        cleaned = super().clean()
        intent = self.data.get("_continue")
        now = timezone.now()
        when = cleaned.get("published_at")
        if intent == "schedule" and (when is None or when <= now):
            self.add_error("published_at", _("Choose a time in the future to schedule."))
        if intent in {"publish", "publish-now", "schedule"}:
            self.instance.status = Post.Status.PUBLISHED
            if when is None or (when > now and intent == "publish-now"):
                cleaned["published_at"] = now
        elif intent in {"draft", "unpublish"}:
            self.instance.status = Post.Status.DRAFT
        picked = cleaned.get("featured_from_library")
        if picked is not None and not self.files.get(self.add_prefix("featured_image")):
            cleaned["featured_image"] = picked.file.name
            cleaned["featured_image_alt"] = cleaned.get("featured_image_alt") or picked.alt_text
        return cleaned

    def clean_featured_image(self):
        image = self.cleaned_data.get("featured_image")
        if isinstance(image, UploadedFile):
            return images.reencode(image)
        return image

    def full_clean(self):
        """Store a new featured image once everything else is valid.

        Writing it here rather than when the post is saved lets a full disk
        come back as an error on the form, with everything the editor typed,
        instead of a server error.
        """
        super().full_clean()
        image = self.cleaned_data.get("featured_image") if self.is_bound else None
        if self.errors or not isinstance(image, ContentFile):
            return
        name = self.instance.featured_image.field.generate_filename(self.instance, image.name)
        try:
            sizes = images.store(image, name)
        except OSError:
            logger.exception("Could not store a featured image")
            self.add_error("featured_image", images.DISK_FULL)
            return
        self.cleaned_data["featured_image"] = self.instance.featured_image = sizes[-1].name
        self.instance.featured_image_sizes = [asdict(size) for size in sizes]


class PressLinkForm(forms.ModelForm):
    """The address first; outlet and kind follow from it when left as they were
    (``posts.press_outlets``)."""

    class Meta:
        model = PressLink
        formfield_callback = https_formfield
        fields = ["url", "title", "kind", "outlet", "date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["url"].widget.attrs["data-press-rules"] = press_outlets.table()
        self.fields["outlet"].required = False
        self.fields["outlet"].help_text = _("Filled in from the address; change it if needed.")

    def clean(self):
        cleaned = super().clean()
        url = cleaned.get("url")
        if url and not cleaned.get("outlet"):
            cleaned["outlet"] = press_outlets.outlet(url)[:100]
        if url and "kind" not in self.changed_data and not self.instance.pk:
            cleaned["kind"] = press_outlets.kind(url)
        return cleaned


class PressLinkInline(admin.StackedInline):
    model = PressLink
    form = PressLinkForm
    formfield_overrides = HTTPS_URLS
    extra = 0


class EmbedForm(forms.ModelForm):
    """A clip's poster is fetched when its address is saved (``posts.posters``)."""

    def save(self, commit=True):
        embed = super().save(commit=False)
        if "url" in self.changed_data:
            embed.poster = (posters.fetch(embed.url) if embed.url else None) or ""
        if commit:
            embed.save()
        return embed


class EmbedInline(admin.StackedInline):
    model = Embed
    form = EmbedForm
    formfield_overrides = HTTPS_URLS
    extra = 0
    fields = ["url", "file", "caption", "order"]


class PublicationFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("public", _("Public")), ("scheduled", _("Scheduled")), ("draft", _("Draft"))]

    def queryset(self, request, queryset):
        return {
            "public": queryset.published,
            "scheduled": queryset.scheduled,
            "draft": queryset.drafts,
        }.get(self.value(), queryset.all)()


@admin.register(Post)
class PostAdmin(PreviewAdmin, AutosaveAdmin, RevisionsAdmin):
    form = PostAdminForm
    list_display = ["title", "publication_state", "published_at", "comment_count", "author"]
    list_filter = [PublicationFilter, "categories", "tags", "comments_open"]
    search_fields = ["title", "body", "excerpt"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PressLinkInline, EmbedInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "excerpt"]}),
        (_("When and how"), {"classes": ["side", "publish"],
                             "fields": ["published_at", "author", "comments_open", "sticky",
                                        "email_subscribers"]}),
        (_("Categories and tags"), {"classes": ["side"], "fields": ["categories", "tag_names"]}),
        (_("Featured image"), {"classes": ["side"],
                               "fields": ["featured_image", "featured_from_library",
                                          "featured_image_alt"]}),
    ]

    list_select_related = ["author"]

    class Media:
        js = ["js/autosave.js", "js/publish_box.js", "js/press_links.js"]

    @admin.display(description=_("status"))
    def publication_state(self, post):
        return post.State(post.state).label

    def construct_change_message(self, request, form, formsets, add=False):
        return history_words.describe(form, formsets, add, request.POST.get("_continue", ""))

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
        if obj.is_scheduled:
            when = date_format(timezone.localtime(obj.published_at), "j F Y \\k\\l. H:i")
            messages.info(request, _("The post appears on the site on %(when)s.")
                             % {"when": when})
        if obj.is_public or obj.is_scheduled:
            label = _("View the post") if obj.is_public else _("Preview the scheduled post")
            messages.info(request, format_html('<a href="{}">{}</a>',
                                               obj.get_absolute_url(), label))


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "parent"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(UploadedImage)
class UploadedImageAdmin(admin.ModelAdmin):
    """The media library as a grid of thumbnails (``posts.media_library``): upload, search,
    alt text, and where each image is used. Files come in only through the one upload,
    which re-encodes them; here they cannot be replaced with raw bytes."""

    change_list_template = "admin/posts/uploadedimage/change_list.html"
    list_display = ["file", "alt_text", "width", "height", "uploaded_by", "uploaded_at"]
    list_per_page = 48
    search_fields = ["file", "alt_text"]
    fields = ["preview", "alt_text", "used_in", "file", "width", "height", "uploaded_by",
              "uploaded_at"]
    readonly_fields = ["preview", "used_in", "file", "width", "height", "uploaded_by",
                       "uploaded_at"]

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": _("Media library"),
                                                 **(extra_context or {})})

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [path("upload/", upload, name="posts_uploadedimage_upload"), *super().get_urls()]

    def upload_view(self, request):
        if request.method != "POST" or not request.user.has_perm("posts.add_uploadedimage"):
            raise PermissionDenied
        for upload in request.FILES.getlist("images"):
            try:
                media_library.receive(upload, request.POST.get("alt", ""), request.user)
            except ValidationError as error:
                messages.error(request, _("The image %(name)s was not uploaded: %(reason)s") % {
                    "name": upload.name, "reason": " ".join(error.messages)})
            except OSError:
                logger.exception("Could not store an uploaded image")
                messages.error(request, _("The image %(name)s was not uploaded: %(reason)s") % {
                    "name": upload.name, "reason": images.DISK_FULL})
            else:
                messages.success(request, _("The image %(name)s is in the library.") % {
                    "name": upload.name})
        return redirect("admin:posts_uploadedimage_changelist")

    @admin.display(description=_("image"))
    def preview(self, image):
        return format_html('<img src="{}" alt="" class="library-preview">',
                           media_library.thumbnail_url(image))

    @admin.display(description=_("used in"))
    def used_in(self, image):
        used = media_library.with_usage([image])[0].used_in
        if not used:
            return _("Not used yet")
        return format_html_join(", ", '<a href="{}">{}</a>',
                                ((writing.get_absolute_url(), writing.title) for writing in used))


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "post"]
    search_fields = ["old_path", "post__title"]
    raw_id_fields = ["post"]
