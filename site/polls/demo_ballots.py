"""Ballots of the demo city, cast through the real protocol: for each voter, what their browser
does (`blind_rsa.prepare`, `blind`, `finalize`; `sealing.seal_layers` of
`protocol.choices_plaintext`) around what the server does (`credential_issue`, `ballot_submit`),
so the demo's logs, rolls and tallies are exactly what real voting leaves, and
`tools/verify_poll.py` checks them.

The key holders are played too: each holder's "browser" makes their key pair here and saves
their key file in `settings.DEMO_KEYS_DIR` (as the key page saves it in the downloads), and the
public half is given through the service; after closing, the private half is read back from
that file and given. The files of a poll still to be published stay there, so that someone
trying the demo can give them on the key page and publish the poll.
"""

import json
import secrets
from pathlib import Path

from django.conf import settings

from polls import blind_rsa, protocol, sealing, selectors
from polls.models import Poll, PollKeyHolder, Question
from polls.services.ballots import ballot_submit, credential_issue, named_vote_cast
from polls.services.keys import poll_key_private_give, poll_key_public_give

# A sealed ballot that opens to no valid choice (a question answered out of range): the demo's
# closed polls show how spoilt ballots are counted and listed.
SPOILT_ANSWER = [99]


def question_shapes(poll: Poll) -> list[protocol.QuestionShape]:
    return [
        protocol.QuestionShape(
            kind=question.kind,
            options=len(question.options.all()),
            max_choices=question.max_choices,
        )
        for question in poll.questions.prefetch_related("options")
    ]


def answers_draw(shapes: list[protocol.QuestionShape], rng, leanings: list[list[float]]) -> list:
    """A plausible answer to every question: each option drawn with the poll's leaning (the
    same for every voter of a poll, so results differ from poll to poll and are not flat)."""
    answers = []
    for shape, weights in zip(shapes, leanings, strict=True):
        if shape.kind == Question.Kind.SCALE:
            answers.append([rng.choices(protocol.SCALE_VALUES, weights=weights)[0]])
        elif shape.kind == Question.Kind.SINGLE:
            answers.append([rng.choices(range(shape.options), weights=weights)[0]])
        else:
            count = rng.randint(1, shape.max_choices)
            picked = set()
            while len(picked) < count:
                picked.add(rng.choices(range(shape.options), weights=weights)[0])
            answers.append(sorted(picked))
    return answers


def leanings_draw(shapes: list[protocol.QuestionShape], rng) -> list[list[float]]:
    return [
        [rng.uniform(0.2, 3.0) for _ in range(5 if s.kind == Question.Kind.SCALE else s.options)]
        for s in shapes
    ]


def secret_ballots_cast(*, poll: Poll, voters, rng, spoilt: int = 0, progress_bar=None) -> int:
    """Each voter takes a credential and casts a sealed ballot; the last `spoilt` of them seal
    an answer that fits no question. Returns the number cast."""
    public_key = blind_rsa.public_key_from_spki(bytes(poll.credential_public_key))
    results_keys = selectors.results_public_keys(poll)
    shapes = question_shapes(poll)
    leanings = leanings_draw(shapes, rng)
    voters = list(voters)
    for number, voter in enumerate(voters):
        token = blind_rsa.prepare(secrets.token_bytes(32))
        blinded, inv = blind_rsa.blind(public_key, token)
        blind_signature = credential_issue(poll=poll, user=voter, blinded_msg=blinded)
        signature = blind_rsa.finalize(public_key, token, blind_signature, inv)
        answers = answers_draw(shapes, rng, leanings)
        if number >= len(voters) - spoilt:
            answers = [SPOILT_ANSWER, *answers[1:]]
        enc, ct = sealing.seal_layers(results_keys, protocol.choices_plaintext(answers), poll.pk)
        ballot_submit(poll=poll, token=token, signature=signature, enc=enc, ct=ct)
        if progress_bar is not None:
            progress_bar.update(1)
    return len(voters)


def named_votes_cast(*, poll: Poll, voters, rng, progress_bar=None) -> int:
    """Open (named) votes of an audience too small for a secret ballot."""
    shapes = question_shapes(poll)
    leanings = leanings_draw(shapes, rng)
    voters = list(voters)
    for voter in voters:
        named_vote_cast(poll=poll, user=voter, answers=answers_draw(shapes, rng, leanings))
        if progress_bar is not None:
            progress_bar.update(1)
    return len(voters)


def key_file_path(holder: PollKeyHolder) -> Path:
    """Where the demo keeps a holder's key file: the name the key page gives it."""
    name = f"spilno-poll-{holder.poll_id}-results-key-{holder.position}.json"
    return Path(settings.DEMO_KEYS_DIR) / name


def key_holders_play(*, poll: Poll) -> None:
    """Each holder without a key makes one, keeps its file and gives the public half (a
    secret poll's: an open vote is not sealed)."""
    if not poll.is_secret:
        return
    holders = poll.key_holders.filter(public_key__isnull=True).select_related("user")
    for holder in holders:
        private_key, public_key = sealing.key_generate()
        path = key_file_path(holder)
        path.parent.mkdir(parents=True, exist_ok=True)
        key_file = {
            "poll": poll.pk,
            "position": holder.position,
            "public_key": protocol.b64url(public_key),
            "private_key": protocol.b64url(private_key),
        }
        path.write_text(json.dumps(key_file, indent=1) + "\n")
        poll_key_public_give(poll=poll, user=holder.user, public_key=public_key)


def private_keys_give(*, poll: Poll) -> None:
    """After closing: each holder gives the private half from their key file; the files go
    once given (the keys are published with the results)."""
    if not poll.is_secret:
        return
    for holder in poll.key_holders.filter(private_key__isnull=True).select_related("user"):
        path = key_file_path(holder)
        key_file = json.loads(path.read_text())
        private_key = protocol.b64url_decode(key_file["private_key"])
        poll_key_private_give(poll=poll, user=holder.user, private_key=private_key)
        path.unlink()
