"""An email backend that files each message under its recipient, for the benchmark to read."""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


def mailbox_path(directory: str, address: str) -> Path:
    return Path(directory) / f"{hashlib.sha1(address.lower().encode()).hexdigest()}.eml"  # noqa: S324


class MailboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            for address in message.recipients():
                path = mailbox_path(settings.BENCH_MAILBOX_DIR, address)
                partial = path.with_suffix(f".{os.getpid()}.tmp")
                partial.write_text(message.body, encoding="utf-8")
                partial.replace(path)  # atomic: a reader never sees half a message
        return len(email_messages)
