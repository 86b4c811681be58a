"""Parse HTML and list anything a browser could execute; shared by the hostile-input tests."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

EXECUTABLE_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "form", "base",
                   "meta", "link", "frame", "frameset", "applet"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "xlink:href", "data",
                  "poster", "background", "lowsrc", "dynsrc"}
SAFE_SCHEMES = {"http", "https", "mailto"}


class DangerFinder(HTMLParser):
    def __init__(self, allowed_tags):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.found = []

    def handle_starttag(self, tag, attrs):
        own = {(tag, dict(attrs).get("src")), (tag, None)} & self.allowed_tags
        if tag in EXECUTABLE_TAGS and not own:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value:
                for candidate in value.split(",") if name == "srcset" else [value]:
                    url = candidate.strip().split(" ")[0]
                    scheme = urlsplit(url).scheme.lower()
                    harmless_port = url.split(":", 1)[-1].strip().isdigit()
                    if scheme and scheme not in SAFE_SCHEMES and not harmless_port:
                        self.found.append(f"{tag}[{name}]={value}")

    handle_startendtag = handle_starttag


def dangers(html, allowed_tags=frozenset()):
    """Executable things in ``html``; ``allowed_tags`` holds (tag, src) pairs of our own."""
    finder = DangerFinder(allowed_tags)
    finder.feed(html)
    finder.close()
    return finder.found


def page_dangers(html):
    """``dangers`` for one of our pages: everything in ``<main>``, where content goes, is
    checked (our own forms aside), and the head may hold only our own scripts and
    our own stylesheet, exactly."""
    from core.inline_css import stylesheet

    head, _, rest = html.partition("<main")
    head = head.replace(f"<style>{stylesheet()}</style>", "", 1)
    main = rest.partition("</main>")[0]
    found = dangers(main, frozenset({("form", None)}))
    own = frozenset({("script", "/static/js/site.js"), ("script", "/static/js/count.js"),
                     ("link", None), ("meta", None),
                     ("form", None)})
    return found + dangers(head, own)
