"""The Markdown editor of posts and pages: django-markdownx's live preview and drop
upload, with a toolbar for the writer who does not know Markdown by heart.

The toolbar writes plain Markdown into the text, so what it makes is what a writer
could have typed, and the text stays the one source of the post. Its image button
uploads with the alt text asked for in the same dialog, or picks an image uploaded
before with the alt text it was given then; an image dropped into the text is asked
for its alt text right after the upload (``static/js/editor.js``).
"""

from django import forms
from markdownx.widgets import AdminMarkdownxWidget


class EditorWidget(AdminMarkdownxWidget):
    template_name = "admin/editor_widget.html"

    class Media:
        js = ["js/editor.js"]


class LibraryImageInput(forms.ClearableFileInput):
    """The featured image's field: upload a new file, or pick one from the media library
    (``static/js/library_picker.js``), which sets the form's ``featured_from_library``
    and brings the image's alt text along, so an image already described is not
    uploaded or described twice."""

    template_name = "admin/library_image_input.html"

    class Media:
        js = ["js/library_picker.js"]
