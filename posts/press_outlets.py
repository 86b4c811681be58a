"""The outlet and kind of a press link, guessed from its address.

A politician adds the same few outlets again and again (SvD, DN, Mitt i, Sveriges
Radio, SVT), and the address already says which, and often what: Swedish papers keep
op-eds under ``/debatt/`` (SvD's under ``/brannpunkt/``), radio and television live on
their own domains. So the editor asks for the address and the title; the outlet and
kind are filled in from this table, in the browser as the address is typed
(``static/js/press_links.js``, which reads the table from the page) and again here when
the form is saved, and the writer can still change either.
"""

import json
from urllib.parse import urlsplit

OUTLETS = {
    "svd.se": "SvD", "dn.se": "DN", "gp.se": "GP", "expressen.se": "Expressen",
    "aftonbladet.se": "Aftonbladet", "sydsvenskan.se": "Sydsvenskan", "mitti.se": "Mitt i",
    "di.se": "Dagens industri", "etc.se": "ETC", "altinget.se": "Altinget",
    "dagenssamhalle.se": "Dagens Samhälle", "nt.se": "NT", "unt.se": "UNT",
    "sverigesradio.se": "Sveriges Radio", "sr.se": "Sveriges Radio", "svt.se": "SVT",
    "svtplay.se": "SVT Play", "tv4.se": "TV4", "tv4play.se": "TV4 Play",
    "huddinge.se": "Huddinge kommun",
}
RADIO = {"sverigesradio.se", "sr.se"}
TV = {"svt.se", "svtplay.se", "tv4.se", "tv4play.se"}
OP_ED_PATHS = ("/debatt", "/brannpunkt", "/opinion/debatt", "/asikter")


def table() -> str:
    """The rules above as JSON, for the browser to apply while the address is typed."""
    return json.dumps({"outlets": OUTLETS, "radio": sorted(RADIO), "tv": sorted(TV),
                       "opEdPaths": OP_ED_PATHS}, ensure_ascii=False)


def _domain(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for known in OUTLETS:
        if host == known or host.endswith("." + known):
            return known
    return host


def outlet(url: str) -> str:
    """The outlet's name for ``url``: a known name, else its domain."""
    return OUTLETS.get(_domain(url), _domain(url))


def kind(url: str) -> str:
    """``radio``, ``tv``, ``op-ed`` or ``article``: the ``PressLink.Kind`` value."""
    domain = _domain(url)
    if domain in RADIO:
        return "radio"
    if domain in TV:
        return "tv"
    path = urlsplit(url).path.lower()
    return "op-ed" if path.startswith(OP_ED_PATHS) else "article"
