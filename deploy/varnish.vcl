vcl 4.1;
# The front cache of huddinge_site (README.md, "More than one server").
# Written out with the backend and the site's settings by `manage.py front_cache_vcl`.
#
# Public pages are kept until a ban names one of their X-Cache-Tags (sent by the
# application after every change) or their s-maxage runs out. Anything personal
# passes through: other methods than GET/HEAD, the admin and other private paths,
# and requests carrying a session or a commenter's cookie.

import std;

backend app {
    .host = "@BACKEND_HOST@";
    .port = "@BACKEND_PORT@";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

acl invalidators {
    "127.0.0.1";
    "::1";
@INVALIDATORS@
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ invalidators) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.X-Ban-Tags !~ "^[0-9a-f]{16}(\|[0-9a-f]{16})*$") {
            return (synth(400, "Bad tags"));
        }
        ban("obj.http.X-Cache-Tags ~ " + req.http.X-Ban-Tags);
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^(@PASS_PATHS@)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(@PERSONAL_COOKIES@)=") {
        return (pass);
    }
    set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*", "\1");
    set req.url = regsuball(req.url, "[?&]+$", "");
    set req.url = std.querysort(req.url);
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (beresp.http.X-Cache-Tags) {
        set beresp.grace = 5s;
    }
}

sub vcl_deliver {
    unset resp.http.X-Cache-Tags;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
