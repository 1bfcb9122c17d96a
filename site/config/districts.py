"""The city's districts, kept in the cache: every signature names one, and the list changes a
few times in a city's life.

Any save or deletion of a district forgets the cached list (`connect`); `TIMEOUT` bounds how
long a change made without those signals (a queryset `update()`) can go unseen.
"""

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from config.models import District

CACHE_KEY = "config:districts"
TIMEOUT = 300


def _districts() -> dict[int, District]:
    districts = cache.get(CACHE_KEY)
    if districts is None:
        districts = {district.pk: district for district in District.objects.all()}
        cache.set(CACHE_KEY, districts, TIMEOUT)
    return districts


def district_by_id(district_id: int) -> District | None:
    return _districts().get(district_id)


def all_districts() -> list[District]:
    """Every district in the model's order (a petition's breakdown lists them all)."""
    return list(_districts().values())


def _forget() -> None:
    cache.delete(CACHE_KEY)


def districts_changed(**kwargs) -> None:
    # At once, and again after commit: a read inside the changing transaction may have cached
    # rows that the commit (or a rollback) makes wrong.
    _forget()
    transaction.on_commit(_forget, robust=True)


def connect() -> None:
    post_save.connect(districts_changed, sender=District, dispatch_uid="config:districts:saved")
    post_delete.connect(districts_changed, sender=District, dispatch_uid="config:districts:deleted")


class DistrictChoiceField(forms.ModelChoiceField):
    """A district by its id, validated against the cached list instead of a query; the choices
    offered are still every district, read when the form is rendered."""

    def __init__(self, **kwargs):
        super().__init__(queryset=District.objects.all(), **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            district = district_by_id(int(value))
        except (TypeError, ValueError):
            district = None
        if district is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return district
