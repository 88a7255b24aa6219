"""A small IMAP4rev1 server on 127.0.0.1 for the bounce tests: one folder, plain text.

It speaks the part of RFC 3501 that `process-bounces --imap` uses (LOGIN, SELECT,
UID SEARCH/FETCH/STORE, EXPUNGE, LOGOUT), so the command talks real IMAP over a socket
through imaplib, as it does with Dovecot.
"""

import re
import socketserver
import threading


class Mailbox:
    def __init__(self, messages: list[bytes], user="bounces", password="geheim"):  # noqa: S107
        self.messages = dict(enumerate(messages, start=1))
        self.deleted: set[int] = set()
        self.user, self.password = user, password
        self.commands: list[str] = []


class _Handler(socketserver.StreamRequestHandler):
    mailbox: Mailbox

    def send(self, data: bytes | str) -> None:
        self.wfile.write(data.encode() if isinstance(data, str) else data)

    def handle(self):
        box = self.server.mailbox
        self.send("* OK [CAPABILITY IMAP4rev1] test server ready\r\n")
        while line := self.rfile.readline():
            tag, _, rest = line.decode().rstrip("\r\n").partition(" ")
            command, _, args = rest.partition(" ")
            command = command.upper()
            if command == "UID":
                command, _, args = args.partition(" ")
                command = "UID " + command.upper()
            box.commands.append(command)
            if command == "CAPABILITY":
                self.send(f"* CAPABILITY IMAP4rev1\r\n{tag} OK done\r\n")
            elif command == "LOGIN":
                user, password = (p.strip('"') for p in args.split(" ", 1))
                ok = (user, password) == (box.user, box.password)
                self.send(f"{tag} OK logged in\r\n" if ok else f"{tag} NO wrong password\r\n")
            elif command == "SELECT":
                self.send(f"* {len(box.messages)} EXISTS\r\n{tag} OK [READ-WRITE] selected\r\n")
            elif command == "UID SEARCH":
                uids = " ".join(str(uid) for uid in sorted(box.messages))
                self.send(f"* SEARCH {uids}\r\n{tag} OK done\r\n")
            elif command == "UID FETCH":
                uid = int(args.split(" ", 1)[0])
                raw = box.messages[uid]
                seq = sorted(box.messages).index(uid) + 1
                self.send(f"* {seq} FETCH (UID {uid} BODY[] {{{len(raw)}}}\r\n".encode() + raw)
                self.send(f")\r\n{tag} OK done\r\n")
            elif command == "UID STORE":
                uid = int(args.split(" ", 1)[0])
                if re.search(r"\+FLAGS.*\\Deleted", args):
                    box.deleted.add(uid)
                self.send(f"* 1 FETCH (UID {uid} FLAGS (\\Deleted))\r\n{tag} OK done\r\n")
            elif command == "EXPUNGE":
                for uid in sorted(box.deleted, reverse=True):
                    seq = sorted(box.messages).index(uid) + 1
                    del box.messages[uid]
                    self.send(f"* {seq} EXPUNGE\r\n")
                box.deleted.clear()
                self.send(f"{tag} OK expunged\r\n")
            elif command == "LOGOUT":
                self.send(f"* BYE\r\n{tag} OK bye\r\n")
                return
            else:
                self.send(f"{tag} BAD unknown command\r\n")


class ImapServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mailbox: Mailbox):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mailbox = mailbox
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
