vcl 4.1;
# The front cache of huddinge_site (docs/deploying.md, "More than one server").
# Written out with the backend and the site's settings by `manage.py front_cache_vcl`.
#
# Public pages are kept until a ban names one of their X-Cache-Tags (sent by the
# application after every change) or their s-maxage runs out. A ban is a soft purge
# (xkey, from Debian's varnish-modules): the page is stale, not gone. While the
# application answers, a stale page is never served (req.grace 0s: the next reader
# waits for the new one); when it fails (down, restarting, answering 5xx) the request
# starts again allowing a day's grace, and readers get the last good copy. With no
# copy at all they get the Swedish 503 page below, never Varnish's own.
# Anything personal passes through: other methods than GET/HEAD, the admin and other
# private paths, and requests carrying a session or a commenter's cookie.
#
# Trust: a ban is taken only with the key the application derives from its secret
# key (X-Front-Cache-Key), never by the client's address: behind a TLS terminator
# on the same host every visitor arrives from loopback. The same key shows the
# diagnostic headers (X-Cache, Age) that are otherwise kept from visitors.

import std;
import xkey;

backend app {
    .host = "@BACKEND_HOST@";
    .port = "@BACKEND_PORT@";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

sub vcl_recv {
    unset req.http.X-Front-Cache-Diagnose;
    unset req.http.X-Cacheable;
    if (req.http.X-Front-Cache-Key == "@FRONT_CACHE_KEY@") {
        set req.http.X-Front-Cache-Diagnose = "1";
    }
    unset req.http.X-Front-Cache-Key;
    if (req.method == "BAN") {
        if (!req.http.X-Front-Cache-Diagnose) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.X-Ban-Tags !~ "^[0-9a-f]{16}(\|[0-9a-f]{16})*$") {
            return (synth(400, "Bad tags"));
        }
        set req.http.X-Purged = xkey.softpurge(regsuball(req.http.X-Ban-Tags, "\|", " "));
        return (synth(200, "Banned"));
    }
    if (std.tolower(regsub(req.http.Host, ":[0-9]+$", "")) !~ "^(@ALLOWED_HOSTS@)$") {
        return (synth(400, "Bad Request"));
    }
    set req.http.Host = "@SITE_HOST@";
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^(@PASS_PATHS@)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(@PERSONAL_COOKIES@)=") {
        return (pass);
    }
    # Only the parameters that change a page stay in the address (the page cache's
    # KEY_PARAMETERS), sorted; the site speaks one language.
    set req.url = regsuball(req.url, "([?&])(?!(@KEY_PARAMETERS@)(=|&|$))[^&]*", "\1");
    set req.url = regsuball(req.url, "&&+", "&");
    set req.url = regsub(req.url, "\?&+", "?");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = std.querysort(req.url);
    set req.http.Accept-Language = "@LANGUAGE@";
    unset req.http.Cookie;
    if (req.restarts == 0) {
        unset req.http.X-Stale-Allowed;
        set req.grace = 0s;
    } else {
        set req.grace = 24h;
    }
    set req.http.X-Cacheable = "1";
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_fetch {
    unset bereq.http.X-Front-Cache-Diagnose;
    unset bereq.http.X-Cacheable;
    unset bereq.http.X-Stale-Allowed;
}

sub vcl_backend_response {
    if (beresp.status >= 500) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (beresp.http.X-Cache-Tags) {
        set beresp.http.xkey = regsuball(beresp.http.X-Cache-Tags, ",", " ");
        set beresp.grace = 24h;
    }
}

sub vcl_backend_error {
    # The application does not answer (stopped, restarting, overloaded): a page in the
    # site's language instead of Varnish's own, kept nowhere.
    set beresp.status = 503;
    set beresp.ttl = 0s;
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "30";
    synthetic({"<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tillfälligt otillgänglig</title></head>
<body style="font-family:system-ui,sans-serif;max-width:35rem;margin:3rem auto;padding:0 1rem;line-height:1.6">
<h1>Webbplatsen är tillfälligt otillgänglig</h1>
<p>Sidan kunde inte hämtas just nu. Försök igen om en liten stund.</p>
</body></html>"});
    return (deliver);
}

sub vcl_deliver {
    if (resp.status >= 500 && req.restarts == 0 && req.http.X-Cacheable
            && !req.http.X-Stale-Allowed) {
        # The application failed: look again, this time taking a stale copy.
        set req.http.X-Stale-Allowed = "1";
        return (restart);
    }
    unset resp.http.X-Cache-Tags;
    unset resp.http.xkey;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.Server;
    if (req.http.X-Front-Cache-Diagnose) {
        if (obj.hits > 0) {
            set resp.http.X-Cache = "hit";
        } else {
            set resp.http.X-Cache = "miss";
        }
    } else {
        unset resp.http.Age;
    }
}

sub vcl_synth {
    unset resp.http.Server;
    unset resp.http.X-Varnish;
}
