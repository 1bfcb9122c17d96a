"""The experts app's part of "download my data" and "delete my account"."""

import json

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder

import pytest

from experts import personal_data, services
from experts.models import Answer, ExpertProfile, Indicator, PlatformBaseline, Rating
from tests.experts.factories import QuestionFactory, rate

pytestmark = pytest.mark.django_db


def test_the_export_holds_what_the_app_stores_about_the_person(completed_team):
    rate(completed_team, completed_team.resident, completed_team.expert.user, (5, 4, 4, 5), "Дякую")
    expert_data = personal_data.export_for(completed_team.expert.user)
    rater_data = personal_data.export_for(completed_team.resident)
    json.dumps(expert_data, cls=DjangoJSONEncoder)
    assert expert_data["expert_profile"]["competencies"][0]["evidence"]
    assert expert_data["ratings_received"][0]["comment"] == "Дякую"
    assert rater_data["ratings_given"][0]["competence"] == 5
    assert rater_data["project_participations"][0]["state"] == "accepted"


def test_erasing_an_expert_removes_their_profile_and_the_ratings_about_them(
    completed_team, heating
):
    rate(completed_team, completed_team.resident, completed_team.expert.user)
    question = QuestionFactory(competency=heating)
    answer = services.answer_post(question=question, user=completed_team.expert.user, body="Так")
    personal_data.erase_for(completed_team.expert.user)
    assert not ExpertProfile.objects.filter(user=completed_team.expert.user).exists()
    assert not Rating.objects.exists()
    assert PlatformBaseline.objects.get(indicator=Indicator.OVERALL).ratings_count == 0
    answer.refresh_from_db()
    assert answer.expert is None and answer.body == "Так"  # stays, anonymous


def test_erasing_a_rater_keeps_their_rating_and_the_experts_reputation(completed_team):
    rate(completed_team, completed_team.resident, completed_team.expert.user, (5, 5, 5, 5))
    before = completed_team.expert.reputation.get(competency=None, indicator="overall").weighted_sum
    personal_data.erase_for(completed_team.resident)
    assert Rating.objects.get().rater == completed_team.resident
    after = completed_team.expert.reputation.get(competency=None, indicator="overall").weighted_sum
    assert after == before


def test_every_model_holding_personal_data_is_listed():
    user_model = apps.get_model("profiles", "User")
    holding = {
        model._meta.label
        for model in apps.get_app_config("experts").get_models()
        for field in model._meta.local_fields  # Page's own owner/locked_by are Wagtail's
        if field.related_model is user_model
    }
    assert holding <= set(personal_data.MODELS)
    assert "experts.ExpertProfile" in holding
    assert Answer._meta.label in personal_data.MODELS
