"""Pages for one person (a confirmation, an unsubscribe, a sign-in step) are kept by no
cache on the way: neither the page cache, the front cache nor the browser's history."""


def never_stored(response):
    """``response``, marked so that nothing stores it; returned for chaining."""
    response["Cache-Control"] = "private, no-store"
    return response
