"""Every account has a profile; its owner edits it; photos lose their metadata."""

import io
import re

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest
from PIL import Image

from profiles.exceptions import NotAllowed, ProfilesError
from profiles.models import Profile, Visibility
from profiles.services.people import profile_update
from tests.factories import UserFactory
from tests.profiles.factories import jpeg_bytes, png_bomb_bytes, profiled_user

pytestmark = pytest.mark.usefixtures("english_ui")


def edit_data(**overrides):
    data = {
        "display_name": "Олена Коваль",
        "about": "Про мене",
        "activity": "",
        "skills": "право, екологія",
        "links": "https://example.org/blog",
        "district": "",
        "building": "",
        "is_listed": "on",
    }
    data.update({f"{n}_visibility": Visibility.PUBLIC for n in Profile.VISIBILITY_FIELDS})
    data.update(overrides)
    return data


def test_signing_up_creates_a_profile(client, db):
    client.post(
        reverse("account_signup"),
        {"email": "nova@example.org", "password1": "Kashtany-2026!", "password2": "Kashtany-2026!"},
    )
    assert Profile.objects.filter(user__email="nova@example.org").count() == 1


def test_an_account_made_any_other_way_also_gets_exactly_one_profile(db):
    user = UserFactory()
    user.save()
    assert Profile.objects.filter(user=user).count() == 1


def test_a_new_profile_shows_a_neutral_name_never_the_email(client, db):
    user = UserFactory(email="olena.private@example.org")
    assert "olena" not in user.display_name.lower()
    assert str(user.pk) in user.display_name


def test_the_owner_saves_the_profile_and_lands_on_the_public_page(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("profiles:profile_edit"), edit_data())
    profile = Profile.objects.get(user=user)
    assert response["Location"] == profile.get_absolute_url()
    assert profile.display_name == "Олена Коваль"
    assert sorted(t.name for t in profile.skills.all()) == ["екологія", "право"]
    assert profile.links == ["https://example.org/blog"]


def test_a_link_that_is_not_a_web_address_is_refused(client, db):
    client.force_login(UserFactory())
    response = client.post(reverse("profiles:profile_edit"), edit_data(links="javascript:alert(1)"))
    assert response.status_code == 200
    assert "is not a web address" in response.content.decode()


def test_a_display_name_with_a_bidi_override_is_refused_with_the_form_kept(client, db):
    user = profiled_user(display_name="Олена Коваль")
    client.force_login(user)
    spoof = "Міська рада\u202e"
    response = client.post(reverse("profiles:profile_edit"), edit_data(display_name=spoof))
    assert response.status_code == 200
    assert "display_name" in response.context["form"].errors
    assert "Про мене" in response.content.decode()
    assert Profile.objects.get(user=user).display_name == "Олена Коваль"


def test_the_profile_service_refuses_a_name_with_a_zero_width_space(db):
    user = profiled_user()
    with pytest.raises(ProfilesError, match="invisible characters"):
        profile_update(profile=user.profile, actor=user, display_name="Олена\u200bКоваль")


def test_nobody_but_the_owner_can_update_a_profile(db):
    owner, other = profiled_user(), UserFactory()
    with pytest.raises(NotAllowed):
        profile_update(profile=owner.profile, actor=other, display_name="Чужий")


def test_an_uploaded_photo_is_squared_shrunk_and_stripped_of_its_metadata(client, db):
    user = UserFactory()
    client.force_login(user)
    upload = SimpleUploadedFile("me.jpg", jpeg_bytes(), content_type="image/jpeg")
    client.post(reverse("profiles:profile_edit"), edit_data(photo=upload))
    profile = Profile.objects.get(user=user)
    with profile.photo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert image.size == (480, 480)
    assert not image.getexif()
    assert "me.jpg" not in profile.photo.name


def test_a_file_that_is_not_a_picture_is_refused_as_a_photo(client, db):
    user = UserFactory()
    client.force_login(user)
    fake = SimpleUploadedFile("me.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")
    response = client.post(reverse("profiles:profile_edit"), edit_data(photo=fake))
    assert "not a picture we can read" in response.content.decode()
    assert not Profile.objects.get(user=user).photo


def test_a_decompression_bomb_is_refused_as_a_photo_with_the_form_kept(client, db):
    user = profiled_user(display_name="Стара Назва")
    client.force_login(user)
    bomb = SimpleUploadedFile("me.png", png_bomb_bytes(), content_type="image/png")
    response = client.post(
        reverse("profiles:profile_edit"), edit_data(display_name="Нова Назва", photo=bomb)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == ["The picture has too many pixels."]
    assert 'value="Нова Назва"' in response.content.decode()
    profile = Profile.objects.get(user=user)
    assert profile.display_name == "Стара Назва" and not profile.photo


def test_a_picture_over_five_megabytes_is_refused(db):
    user = UserFactory()
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ProfilesError, match="larger than 5 MB"):
        profile_update(profile=user.profile, actor=user, display_name="Я", photo=big)


def test_removing_the_photo_deletes_the_file(client, db, django_capture_on_commit_callbacks):
    user = UserFactory()
    client.force_login(user)
    upload = SimpleUploadedFile("me.jpg", jpeg_bytes(with_gps=False), content_type="image/jpeg")
    profile_update(profile=user.profile, actor=user, display_name="Я", photo=upload)
    name = Profile.objects.get(user=user).photo.name
    storage = Profile.objects.get(user=user).photo.storage
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("profiles:profile_edit"), edit_data(remove_photo="on"))
    assert not Profile.objects.get(user=user).photo
    assert not storage.exists(name)


def test_a_person_is_credited_as_former_participant_once_erased(db):
    user = profiled_user(display_name="Олена Коваль")
    user.erased_at = timezone.now()
    assert user.display_name == "Former participant"


def test_the_page_address_is_latin_and_ends_with_the_account_number(db):
    user = profiled_user(display_name="Юлія Згурська-Ґава")
    assert re.fullmatch(
        rf"/en/people/yuliia-zghurska-gava-{user.pk}/", user.profile.get_absolute_url()
    )
    assert not mail.outbox
