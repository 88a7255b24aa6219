"""`knotenpunkt process-bounces`: read bounce mails and suppress the addresses that fail.

    knotenpunkt process-bounces -               one mail on stdin (an MTA pipe, e.g. Postfix
                                                aliases: bounces: "|knotenpunkt process-bounces -")
    knotenpunkt process-bounces --mbox PATH     every mail of an mbox file
    knotenpunkt process-bounces --maildir PATH  every mail of a Maildir
    knotenpunkt process-bounces --imap          the mailbox at BOUNCE_MAILBOX_URL
                                                (imaps://user:password@host:993/INBOX)

Mails that were read (bounces and mails that are no bounce alike) are removed from the
mailbox, unless --keep; a mail that cannot be read stays and is reported. Reading a mail
twice is harmless: each report counts once.
"""

import contextlib
import imaplib
import logging
import mailbox
import ssl
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from knotenpunkt.mailings.services.bounces import process_bounce_message

# sysexits.h: an MTA keeps a piped mail and tries again later on this exit status.
EX_TEMPFAIL = 75
IMAP_TIMEOUT_SECONDS = 30
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}

BOUNCES, IGNORED, UNREADABLE = "bounces", "ignored", "unreadable"


class Command(BaseCommand):
    help = (
        "Read bounce mails (one on stdin with '-', an mbox, a Maildir or the IMAP mailbox at "
        "BOUNCE_MAILBOX_URL) and mark the addresses that fail permanently as bouncing."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "stdin_marker",
            nargs="?",
            choices=["-"],
            metavar="-",
            help="Read one mail from standard input.",
        )
        parser.add_argument("--mbox", type=Path, help="Read every mail of this mbox file.")
        parser.add_argument("--maildir", type=Path, help="Read every mail of this Maildir.")
        parser.add_argument(
            "--imap", action="store_true", help="Read the IMAP mailbox at BOUNCE_MAILBOX_URL."
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Leave the mails in the mailbox (reading them again later is harmless).",
        )

    def handle(self, *args, stdin_marker, mbox, maildir, imap, keep, **options):
        chosen = [bool(stdin_marker), mbox is not None, maildir is not None, imap]
        if sum(chosen) != 1:
            raise CommandError(_("Give exactly one of: -, --mbox PATH, --maildir PATH, --imap."))
        # flufl.bounce narrates every detector it tries at INFO; its errors still show.
        logging.getLogger("flufl.bounce").setLevel(logging.WARNING)
        self.counts = {BOUNCES: 0, IGNORED: 0, UNREADABLE: 0}
        self.processed = 0
        if stdin_marker:
            self.read_stdin(options.get("stdin") or sys.stdin.buffer)
        elif mbox is not None:
            self.read_mailbox(_open_mailbox(mailbox.mbox, mbox), "mailbox: mbox", keep)
        elif maildir is not None:
            self.read_mailbox(_open_mailbox(mailbox.Maildir, maildir), "mailbox: maildir", keep)
        else:
            self.read_imap(keep)
        self.stdout.write(
            _(
                "%(processed)d processed: %(bounces)d bounces recorded, %(ignored)d ignored "
                "(no bounce or unknown address), %(unreadable)d could not be read."
            )
            % {"processed": self.processed, **self.counts}
        )

    def process(self, raw: bytes, source: str, label: str) -> str:
        """Record one mail's bounces; what became of it. A database failure stops the run
        (the mail stays where it is); any other error marks just this mail unreadable."""
        try:
            recorded = process_bounce_message(raw, source=source)
        except DatabaseError as exc:
            raise CommandError(
                _("Database error, stopped: %(error)s") % {"error": exc}, returncode=EX_TEMPFAIL
            ) from exc
        except Exception as exc:  # a malformed mail must not stop the others
            self.stderr.write(
                _("%(label)s could not be read: %(error)s") % {"label": label, "error": exc}
            )
            self.counts[UNREADABLE] += 1
            return UNREADABLE
        self.processed += 1
        if not recorded:
            self.counts[IGNORED] += 1
            return IGNORED
        self.counts[BOUNCES] += len(recorded)
        return BOUNCES

    def read_stdin(self, stream) -> None:
        raw = stream.read()
        if not raw.strip():
            raise CommandError(_("No mail on standard input."))
        if self.process(raw, "mailbox: pipe", _("The mail")) == UNREADABLE:
            # The MTA keeps the mail and an administrator sees it in the queue.
            raise CommandError(_("The mail could not be read."), returncode=EX_TEMPFAIL)

    def read_mailbox(self, box: mailbox.Mailbox, source: str, keep: bool) -> None:
        box.lock()
        try:
            for key in list(box.keys()):
                label = _("Mail %(key)s") % {"key": key}
                outcome = self.process(box.get_bytes(key), source, label)
                if outcome != UNREADABLE and not keep:
                    box.remove(key)
            box.flush()
        finally:
            box.unlock()
            box.close()

    def read_imap(self, keep: bool) -> None:
        url = getattr(settings, "BOUNCE_MAILBOX_URL", "")
        if not url:
            raise CommandError(_("BOUNCE_MAILBOX_URL is not set."))
        connection, folder = _connect_imap(url)
        try:
            status, _data = connection.select(_imap_quote(folder))
            if status != "OK":
                raise CommandError(
                    _("The IMAP folder %(folder)s does not exist.") % {"folder": folder}
                )
            _status, data = connection.uid("SEARCH", "ALL")
            for uid in data[0].split() if data and data[0] else []:
                _status, fetched = connection.uid("FETCH", uid, "(BODY.PEEK[])")
                raw = next((item[1] for item in fetched if isinstance(item, tuple)), None)
                label = _("IMAP mail %(uid)s") % {"uid": uid.decode()}
                outcome = UNREADABLE if raw is None else self.process(raw, "mailbox: imap", label)
                if outcome != UNREADABLE and not keep:
                    connection.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
            if not keep:
                connection.expunge()
        except (OSError, imaplib.IMAP4.error) as exc:
            raise CommandError(
                _("The IMAP mailbox failed: %(error)s") % {"error": exc}, returncode=EX_TEMPFAIL
            ) from exc
        finally:
            # A connection that is already gone needs no goodbye.
            with contextlib.suppress(OSError, imaplib.IMAP4.error):
                connection.logout()


def _open_mailbox(kind, path: Path) -> mailbox.Mailbox:
    try:
        return kind(str(path), create=False)
    except (mailbox.NoSuchMailboxError, OSError) as exc:
        raise CommandError(_("No mailbox at %(path)s.") % {"path": path}) from exc


def _connect_imap(url: str) -> tuple[imaplib.IMAP4, str]:
    """A logged-in connection and the folder to read. imaps:// is TLS from the start;
    imap:// upgrades with STARTTLS, except to this machine itself. The password never
    appears in a message."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    if (
        parts.scheme not in ("imap", "imaps")
        or not parts.hostname
        or not parts.username
        or port == -1
    ):
        raise CommandError(
            _(
                "BOUNCE_MAILBOX_URL must look like imaps://user:password@host:993/INBOX "
                "(or imap:// for STARTTLS)."
            )
        )
    host, folder = parts.hostname, unquote(parts.path.lstrip("/")) or "INBOX"
    where = f"{host}:{port or (993 if parts.scheme == 'imaps' else 143)}"
    context = ssl.create_default_context()
    try:
        if parts.scheme == "imaps":
            connection = imaplib.IMAP4_SSL(
                host, port or 993, ssl_context=context, timeout=IMAP_TIMEOUT_SECONDS
            )
        else:
            connection = imaplib.IMAP4(host, port or 143, timeout=IMAP_TIMEOUT_SECONDS)
            if host not in LOCAL_HOSTS:
                connection.starttls(context)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise CommandError(
            _("Cannot reach the IMAP server %(where)s: %(error)s") % {"where": where, "error": exc},
            returncode=EX_TEMPFAIL,
        ) from exc
    try:
        connection.login(unquote(parts.username), unquote(parts.password or ""))
    except (OSError, imaplib.IMAP4.error) as exc:
        connection.shutdown()
        raise CommandError(
            _("The IMAP server %(where)s refused the login of %(user)s.")
            % {"where": where, "user": unquote(parts.username)}
        ) from exc
    return connection, folder


def _imap_quote(folder: str) -> str:
    if folder.isalnum():
        return folder
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'
