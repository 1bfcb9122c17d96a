"""The dossier PDF for the authority: counts, consenting names only, a digest of the list."""

import hashlib
import io

from pypdf import PdfReader

from petitions import services
from petitions.dossier import canonical_lines, signature_list_digest
from tests.factories import PASSWORD, UserFactory
from tests.petitions.factories import SignatureFactory


def signed(petition, districts):
    for i, (name, shown) in enumerate([("Оксана Публічна", True), ("Іван Прихований", False)]):
        signature = SignatureFactory(
            petition=petition, district=districts[i], name=name, show_name=shown
        )
        services.signature_confirm(signature_id=signature.pk)
    SignatureFactory(petition=petition, district=districts[0], name="Ще Не Підтвердив")
    return petition


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_dossier_has_the_counts_the_public_names_and_the_digest(
    client, open_petition, districts, creator
):
    signed(open_petition, districts)
    client.login(email=creator.email, password=PASSWORD)

    response = client.get(f"/petitions/{open_petition.pk}/dossier.pdf")

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert open_petition.title[:20] in text
    assert "Оксана Публічна" in text
    assert "Іван Прихований" not in text and "Ще Не Підтвердив" not in text
    assert signature_list_digest(open_petition).digest in text.replace("\n", "")


def test_the_digest_is_the_sha256_of_the_canonical_list_of_confirmed_signatures(
    open_petition, districts
):
    signed(open_petition, districts)

    lines = list(canonical_lines(open_petition))

    assert len(lines) == 2 and all(line.count("\t") == 4 for line in lines)
    expected = hashlib.sha256("".join(lines).encode()).hexdigest()
    assert signature_list_digest(open_petition).digest == expected


def test_the_digest_changes_when_a_signature_is_added(open_petition, districts):
    before = signature_list_digest(open_petition).digest
    signed(open_petition, districts)
    assert signature_list_digest(open_petition).digest != before


def test_only_the_creator_moderators_and_the_authority_download_it(client, open_petition):
    client.login(email=UserFactory().email, password=PASSWORD)

    assert client.get(f"/petitions/{open_petition.pk}/dossier.pdf").status_code == 403
