"""Polls: local referendums and consultations with secret ballots that nobody can link to a voter.

What is stored and what is deliberately not (issue 16, point 2):

- `Issuance` says only "this person received a credential for this poll", with a random roll
  secret shown to them alone (the public roll lists its hashes). No time, no blinded value, no
  signature: nothing that a ballot could be matched against.
- `SpentToken` keeps the hash of every token that has voted, so a token votes once. No time,
  no person.
- `PendingBallot` holds a ballot's entry until the next shuffled batch appends it to the
  poll's log; it is deleted in that same transaction. No time, no person.
- `NamedVote` (open polls only) says that a person voted; their named entry is in the poll's
  restricted log, readable by its audience.
"""

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Poll(models.Model):
    """A poll and everything its public record is checked against: its credential key (blind
    RSA), its key holders' results keys (HPKE), its log and the exact counts."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        PUBLISHED = "published", _("Results published")

    # The states each state may move to: anything else is a PollError("illegal_transition").
    # A scheduled poll may go back to draft to be corrected; once open, only forward.
    TRANSITIONS = {
        State.DRAFT: {State.SCHEDULED},
        State.SCHEDULED: {State.DRAFT, State.OPEN},
        State.OPEN: {State.CLOSED},
        State.CLOSED: {State.PUBLISHED},
        State.PUBLISHED: set(),
    }

    class CreatorKind(models.TextChoices):
        EDITOR = "editor", _("Editors")
        BODY = "body", _("Municipal body")
        DEPUTY = "deputy", _("Deputy")
        BOARD = "board", _("Association's board")

    class Secrecy(models.TextChoices):
        SECRET = "secret", _("Secret ballot")
        OPEN = "open", _("Open vote (names visible to the audience)")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(_("description"), blank=True, help_text=_("Plain text."))
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="polls_created",
    )
    creator_kind = models.CharField(
        _("created by"), max_length=10, choices=CreatorKind.choices, default=CreatorKind.EDITOR
    )
    organization = models.ForeignKey(
        "profiles.Organization",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="polls",
    )
    district = models.ForeignKey(
        "config.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="polls",
    )
    audience = models.OneToOneField(
        "residents.Audience",
        verbose_name=_("audience"),
        on_delete=models.PROTECT,
        related_name="poll",
    )
    eligible_count = models.PositiveIntegerField(_("eligible"), null=True, blank=True)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    secrecy = models.CharField(
        _("ballot"), max_length=10, choices=Secrecy.choices, default=Secrecy.SECRET
    )
    # Blind RSA (RFC 9474) key of this poll only: SPKI DER, and the private key's DER sealed
    # with config.keys.key_seal for `credential_key_purpose`.
    credential_public_key = models.BinaryField()
    credential_sealed_private_key = models.BinaryField()
    # The results keys (HPKE, RFC 9180) are the key holders' (`PollKeyHolder`), never the
    # server's: a ballot is sealed to each of them in turn.
    log = models.OneToOneField("ledger.Log", on_delete=models.PROTECT, related_name="poll")
    credentials_issued = models.PositiveIntegerField(default=0)
    ballots_received = models.PositiveIntegerField(default=0)
    spoilt_count = models.PositiveIntegerField(default=0)
    results = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="polls_poll_closes_after"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_secret(self) -> bool:
        return self.secrecy == self.Secrecy.SECRET

    def credential_key_purpose(self) -> str:
        """What the credential private key is sealed for: bound to this poll and its public
        key, so a sealed key copied onto another poll's row does not open there."""
        fingerprint = hashlib.sha256(bytes(self.credential_public_key)).hexdigest()
        return f"polls.credential-key:{self.pk}:{fingerprint}"


class PollKeyHolder(models.Model):
    """A person who holds one of the poll's results keys (issue 16: "nobody, the operator
    included, can read a choice or an interim result before the poll closes").

    Their browser makes the key pair and sends only the public half (65 bytes), before the
    poll is scheduled; every ballot is sealed to every holder in turn (`sealing.seal_layers`),
    so opening it takes every holder's private key. A holder gives their private half (32
    bytes) only after the poll has closed; it is then published with the results, so anyone
    can recount. The poll's creator is holder 1. Erasure cuts the link to the person and keeps
    the row: the poll must stay countable."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="key_holders")
    position = models.PositiveSmallIntegerField(_("position"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("key holder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="poll_keys_held",
    )
    public_key = models.BinaryField(max_length=65, null=True, blank=True)
    private_key = models.BinaryField(max_length=32, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["poll", "position"]
        verbose_name = _("results key holder")
        verbose_name_plural = _("results key holders")
        constraints = [
            models.UniqueConstraint(fields=["poll", "position"], name="polls_key_holder_position"),
            models.UniqueConstraint(
                fields=["poll", "user"],
                condition=Q(user__isnull=False),
                name="polls_key_holder_once_per_person",
            ),
        ]

    def __str__(self):
        return f"key holder {self.position} of poll {self.poll_id}"


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale from 1 to 5")

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    # For a multiple choice: at most this many options (k); 1 otherwise.
    max_choices = models.PositiveSmallIntegerField(_("at most"), default=1)

    class Meta:
        ordering = ["poll", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["poll", "position"], name="polls_question_position"),
        ]

    def __str__(self):
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("option"), max_length=300)

    class Meta:
        ordering = ["question", "position"]
        verbose_name = _("option")
        verbose_name_plural = _("options")
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="polls_option_position"),
        ]

    def __str__(self):
        return self.text


class PollDocument(models.Model):
    """A document the poll's description refers to (a plan, a budget, a map)."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["poll", "pk"]
        verbose_name = _("poll document")
        verbose_name_plural = _("poll documents")

    def __str__(self):
        return self.title


class Issuance(models.Model):
    """That `user` received a credential for `poll`: no time, no blinded value, no signature.
    The roll secret (16 random bytes) is shown only to the person; the public roll lists
    `protocol.roll_hash` of each. After erasure or retention the user link is cut and the row
    stays, so the count and the roll stay exact."""

    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="issuances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="poll_issuances",
    )
    roll_secret = models.BinaryField(max_length=16)

    class Meta:
        verbose_name = _("credential issued")
        verbose_name_plural = _("credentials issued")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "user"],
                condition=Q(user__isnull=False),
                name="polls_issuance_once_per_person",
            ),
        ]

    def __str__(self):
        return f"credential {self.pk} of poll {self.poll_id}"


class SpentToken(models.Model):
    """SHA-256 of a token that has voted: the unique constraint makes a second ballot with the
    same token fail, even from two requests at once. A random primary key and no time; the
    rows are deleted when the poll closes (the log then shows that no token voted twice)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="+", db_index=False)
    token_hash = models.BinaryField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "token_hash"], name="polls_token_spent_once"),
        ]

    def __str__(self):
        return f"spent token of poll {self.poll_id}"


class PendingBallot(models.Model):
    """A ballot's canonical entry waiting for the next shuffled batch; deleted when appended.
    A random primary key and no time, so nothing here orders ballots by arrival."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="pending_ballots")
    entry = models.BinaryField()

    def __str__(self):
        return f"pending ballot of poll {self.poll_id}"


class NamedVote(models.Model):
    """That `user` voted in an open (not secret) poll; the named entry itself is in the poll's
    restricted log. The user link is cut on erasure and after retention."""

    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="named_votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="poll_named_votes",
    )

    class Meta:
        verbose_name = _("named vote")
        verbose_name_plural = _("named votes")
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "user"],
                condition=Q(user__isnull=False),
                name="polls_named_vote_once",
            ),
        ]

    def __str__(self):
        return f"named vote {self.pk} of poll {self.poll_id}"


class PollCreatorScope(models.Model):
    """A district in which a municipal body's or a deputy's staff account may create polls
    (with the group "Municipal bodies" or "Deputies")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="poll_scopes"
    )
    district = models.ForeignKey("config.District", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("poll creator's district")
        verbose_name_plural = _("poll creators' districts")
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="polls_scope_unique"),
        ]

    def __str__(self):
        return f"{self.user} · {self.district}"
