"""Factories shared by every app's tests (apps add their own in tests/<app>/factories.py)."""

from django.contrib.auth import get_user_model

import factory
from allauth.account.models import EmailAddress

PASSWORD = "correct horse battery staple"  # noqa: S105


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"resident{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def confirmed(user, create, extracted, **kwargs):
        """A confirmed email unless `confirmed=False`: most of the platform needs one."""
        if create and extracted is not False:
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        if create:
            user.save()
