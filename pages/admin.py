from django.contrib import admin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from .models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "show_in_menu", "menu_order", "updated_at"]
    list_editable = ["menu_order"]
    list_filter = ["status", "show_in_menu"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "body", "status", "show_in_menu", "menu_order"]
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
