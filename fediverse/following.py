"""The blog following another account: rare, and done by the owner on the server
(for example Bridgy Fed's ``@bsky.brid.gy@bsky.brid.gy``, which bridges the blog into
Bluesky once followed)."""

from urllib.parse import urlencode

from . import activities, delivery, remote


def actor_address(account):
    """The actor address of ``account`` (``@name@host`` through WebFinger, or an address)."""
    if account.startswith(("https://", "http://")):
        return account
    name, _, host = account.lstrip("@").partition("@")
    if not name or not host:
        raise remote.Unusable(f"not an account: {account}")
    query = urlencode({"resource": f"acct:{name}@{host}"})
    found = remote.fetch_json(f"https://{host}/.well-known/webfinger?{query}")
    for link in found.get("links", []) if isinstance(found, dict) else []:
        if link.get("rel") == "self" and "json" in link.get("type", ""):
            return link["href"]
    raise remote.Unusable(f"{account} has no fediverse actor")


def follow(account):
    """Send a signed ``Follow`` of ``account``; returns its actor."""
    actor = remote.actor(actor_address(account), refresh=True)
    delivery.post(actor.inbox, {
        "@context": activities.CONTEXT, "type": "Follow", "actor": activities.actor_id(),
        "id": f"{activities.actor_id()}#follow-{actor.pk}", "object": actor.uri})
    return actor
