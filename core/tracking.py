"""Models that remember the values they were loaded with.

Whether saving an object changes a public page depends on what it was before
the save as much as on what it is now: a comment going from approved to spam
leaves the page as surely as one being approved joins it. Reading the old row
again in ``pre_save`` costs a query on every save; Django already hands every
loaded row to ``from_db``, so the values are kept from there. An object made in
memory has no loaded values (``loaded`` is ``None``): it was nowhere before.
"""

from functools import cache

from django.db import models


class RemembersLoadedState(models.Model):
    tracked_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loaded = None

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.loaded = self._present()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.loaded = instance._present()
        return instance

    def state_before(self):
        """The tracked values as loaded, or ``None`` for an object that was not loaded."""
        return None if self.loaded is None else self._complete(self.loaded)

    def state_now(self):
        return self._complete(self._present())

    @classmethod
    @cache
    def _attnames(cls):
        """Field name to attribute name, looked up once per model, not once per loaded row."""
        return {name: cls._meta.get_field(name).attname for name in cls.tracked_fields}

    def _present(self):
        return {name: self.__dict__[attname] for name, attname in self._attnames().items()
                if attname in self.__dict__}

    def _complete(self, state):
        """Fill in fields that were deferred at load (``only()``) from the stored row."""
        missing = [name for name in self.tracked_fields if name not in state]
        if missing and self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).values(*missing).first()
            state = {**state, **(stored or {})}
        return state
