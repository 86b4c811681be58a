"""The blog's signing key: made once, on first use, kept in the database so every
server of the site signs with the same one. ``cryptography`` is imported only to make it:
a site with the fediverse off never loads it (``huddinge_site.wsgi``)."""

from django.db import transaction

from .models import ActorKey


def current() -> ActorKey:
    key = ActorKey.objects.order_by("pk").first()
    if key:
        return key
    with transaction.atomic():
        key = ActorKey.objects.select_for_update().order_by("pk").first()
        if key:
            return key
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return ActorKey.objects.create(
            private_pem=private.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption()).decode(),
            public_pem=private.public_key().public_bytes(
                serialization.Encoding.PEM,
                serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
        )
