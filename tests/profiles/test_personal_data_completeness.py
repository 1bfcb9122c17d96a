"""Every model of this repository that references a person is covered by some app's
personal_data module: adding one without exporting and erasing it fails here."""

import json

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder

import pytest

from profiles.data_rights import covered_models, models_referencing_users, personal_data_modules
from tests.profiles.factories import profiled_user


def test_every_model_that_references_a_user_is_listed_in_a_personal_data_module():
    missing = [
        model._meta.label
        for model in models_referencing_users()
        if model._meta.label_lower not in covered_models()
    ]
    assert not missing, (
        f"These models reference users but no <app>/personal_data.py lists them in MODELS "
        f"(add them, with export_for and erase_for): {missing}"
    )


def test_the_check_finds_the_models_it_must_cover():
    found = {model._meta.label for model in models_referencing_users()}
    assert {"profiles.Profile", "profiles.Membership", "profiles.BlogPost"} <= found


def test_every_listed_model_exists():
    for module in personal_data_modules().values():
        for label in module.MODELS:
            assert apps.get_model(label) is not None, label


def test_every_module_has_the_contract_functions():
    for label, module in personal_data_modules().items():
        assert callable(module.export_for), label
        assert callable(module.erase_for), label


@pytest.mark.django_db
def test_every_modules_export_is_json_for_a_fresh_account():
    user = profiled_user()
    for label, module in personal_data_modules().items():
        data = module.export_for(user)
        assert isinstance(data, dict), label
        json.dumps(data, cls=DjangoJSONEncoder)


def test_profiles_comes_last_because_it_erases_the_account_itself():
    assert list(personal_data_modules())[-1] == "profiles"
