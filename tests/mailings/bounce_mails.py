"""Bounce mails as real mail servers write them, for the bounce tests.

`ORIGINAL_MESSAGE_ID` stands where the returned original's Message-ID goes; `bounce(...)`
puts a real one in.
"""

ORIGINAL_MESSAGE_ID = "<ORIGINAL-MESSAGE-ID>"

# Postfix, RFC 3464 multipart/report: the remote server rejected the recipient (5.1.1).
# Postfix returns only the headers of the original (text/rfc822-headers).
POSTFIX_USER_UNKNOWN = """\
Return-Path: <>
Delivered-To: bounces@knotenpunkt.example
Received: by mail.knotenpunkt.example (Postfix)
\tid 4F1A22C0123; Tue, 24 Nov 2026 10:15:02 +0100 (CET)
Date: Tue, 24 Nov 2026 10:15:02 +0100 (CET)
From: MAILER-DAEMON@mail.knotenpunkt.example (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: bounces@knotenpunkt.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="4F1A22C0123.1795511702/mail.knotenpunkt.example"
Content-Transfer-Encoding: 8bit
Message-Id: <20261124091502.4F1A22C0123@mail.knotenpunkt.example>

This is a MIME-encapsulated message.

--4F1A22C0123.1795511702/mail.knotenpunkt.example
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.knotenpunkt.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<jens.jansen@nordlicht.example>: host mx.nordlicht.example[203.0.113.25] said:
    550 5.1.1 <jens.jansen@nordlicht.example>: Recipient address rejected:
    User unknown in virtual mailbox table (in reply to RCPT TO command)

--4F1A22C0123.1795511702/mail.knotenpunkt.example
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.knotenpunkt.example
X-Postfix-Queue-ID: 4F1A22C0123
X-Postfix-Sender: rfc822; bounces@knotenpunkt.example
Arrival-Date: Tue, 24 Nov 2026 10:15:01 +0100 (CET)

Final-Recipient: rfc822; jens.jansen@nordlicht.example
Original-Recipient: rfc822;Jens.Jansen@nordlicht.example
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.nordlicht.example
Diagnostic-Code: smtp; 550 5.1.1 <jens.jansen@nordlicht.example>: Recipient
    address rejected: User unknown in virtual mailbox table

--4F1A22C0123.1795511702/mail.knotenpunkt.example
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers
Content-Transfer-Encoding: 8bit

Return-Path: <bounces@knotenpunkt.example>
Received: from knotenpunkt (localhost [127.0.0.1])
\tby mail.knotenpunkt.example (Postfix) with ESMTP id 4F1A22C0123
\tfor <Jens.Jansen@nordlicht.example>; Tue, 24 Nov 2026 10:15:01 +0100 (CET)
From: DiWiSH Digitale Wirtschaft <noreply@knotenpunkt.example>
To: Jens Jansen <Jens.Jansen@nordlicht.example>
Subject: Neues aus dem Cluster
Message-ID: <ORIGINAL-MESSAGE-ID>
Date: Tue, 24 Nov 2026 10:15:01 +0100
List-Unsubscribe-Post: List-Unsubscribe=One-Click
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="===============1234567890=="

--4F1A22C0123.1795511702/mail.knotenpunkt.example--
"""

# Exim's default bounce: plain text, the failed address in X-Failed-Recipients, the
# original quoted below the explanation.
EXIM_USER_UNKNOWN = """\
Return-path: <>
Envelope-to: bounces@knotenpunkt.example
Delivery-date: Tue, 24 Nov 2026 10:20:11 +0100
Received: from Debian-exim by mx.example.net with local (Exim 4.96)
\tid 1tFXYZ-000ABC-2k
\tfor bounces@knotenpunkt.example; Tue, 24 Nov 2026 10:20:11 +0100
X-Failed-Recipients: lena.lorenz@example.net
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mx.example.net>
To: bounces@knotenpunkt.example
Content-Type: text/plain; charset=us-ascii
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1tFXYZ-000ABC-2k@mx.example.net>
Date: Tue, 24 Nov 2026 10:20:11 +0100

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  lena.lorenz@example.net
    host mx.example.net [198.51.100.7]
    SMTP error from remote mail server after RCPT TO:<lena.lorenz@example.net>:
    550 5.1.1 <lena.lorenz@example.net>: Recipient address rejected: User unknown

------ This is a copy of the message, including all the headers. ------

Return-path: <bounces@knotenpunkt.example>
Received: from mail.knotenpunkt.example ([192.0.2.10])
\tby mx.example.net with esmtps (TLS1.3) (Exim 4.96)
\t(envelope-from <bounces@knotenpunkt.example>)
\tid 1tFXYZ-000ABB-1a
\tfor lena.lorenz@example.net; Tue, 24 Nov 2026 10:20:10 +0100
From: DiWiSH Digitale Wirtschaft <noreply@knotenpunkt.example>
To: Lena Lorenz <lena.lorenz@example.net>
Subject: Neues aus dem Cluster
Message-ID: <ORIGINAL-MESSAGE-ID>
Date: Tue, 24 Nov 2026 10:20:09 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Sehr geehrte Frau Lorenz,
"""

# Postfix's warning for a mail still being retried: the remote mailbox is full (4.2.2).
POSTFIX_MAILBOX_FULL_DELAYED = """\
Return-Path: <>
Date: Tue, 24 Nov 2026 14:15:03 +0100 (CET)
From: MAILER-DAEMON@mail.knotenpunkt.example (Mail Delivery System)
Subject: Delayed Mail (still being retried)
To: bounces@knotenpunkt.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="9C2D31A0456.1795526103/mail.knotenpunkt.example"
Content-Transfer-Encoding: 8bit
Message-Id: <20261124131503.9C2D31A0456@mail.knotenpunkt.example>

This is a MIME-encapsulated message.

--9C2D31A0456.1795526103/mail.knotenpunkt.example
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.knotenpunkt.example.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

For further assistance, please send mail to postmaster.

                   The mail system

<maria.mueller@example.com>: host mx.example.com[192.0.2.44] said: 452 4.2.2
    <maria.mueller@example.com>: Mailbox full (in reply to RCPT TO command)

--9C2D31A0456.1795526103/mail.knotenpunkt.example
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.knotenpunkt.example
X-Postfix-Queue-ID: 9C2D31A0456
X-Postfix-Sender: rfc822; bounces@knotenpunkt.example
Arrival-Date: Tue, 24 Nov 2026 10:15:01 +0100 (CET)

Final-Recipient: rfc822; maria.mueller@example.com
Original-Recipient: rfc822;maria.mueller@example.com
Action: delayed
Status: 4.2.2
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 452 4.2.2 <maria.mueller@example.com>: Mailbox full
Will-Retry-Until: Sun, 29 Nov 2026 10:15:01 +0100 (CET)

--9C2D31A0456.1795526103/mail.knotenpunkt.example
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers
Content-Transfer-Encoding: 8bit

Return-Path: <bounces@knotenpunkt.example>
From: DiWiSH Digitale Wirtschaft <noreply@knotenpunkt.example>
To: Maria Mueller <maria.mueller@example.com>
Subject: Neues aus dem Cluster
Message-ID: <ORIGINAL-MESSAGE-ID>
Date: Tue, 24 Nov 2026 10:15:01 +0100

--9C2D31A0456.1795526103/mail.knotenpunkt.example--
"""

# An out-of-office reply that reached the bounce address: no bounce, changes nothing.
OUT_OF_OFFICE = """\
Return-Path: <maria.mueller@example.com>
Date: Tue, 24 Nov 2026 10:15:09 +0100
From: Maria Mueller <maria.mueller@example.com>
To: bounces@knotenpunkt.example
Subject: Automatische Antwort: Neues aus dem Cluster
In-Reply-To: <ORIGINAL-MESSAGE-ID>
References: <ORIGINAL-MESSAGE-ID>
Auto-Submitted: auto-replied
X-Auto-Response-Suppress: All
Precedence: auto_reply
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Message-ID: <oof-77c1@mail.example.com>

Guten Tag,

vielen Dank für Ihre Nachricht. Ich bin bis einschließlich 30. November nicht im Büro
und habe keinen Zugriff auf meine E-Mails. Ihre Nachricht wird nicht weitergeleitet.
In dringenden Fällen wenden Sie sich bitte an info@example.com.

Thank you for your message. I am out of the office until 30 November.

Mit freundlichen Grüßen
Maria Mueller
"""


def bounce(template: str, message_id: str = "<unrelated@elsewhere.example>") -> bytes:
    """The mail as bytes (CRLF line ends, as it comes off the wire), with the original's
    Message-ID put in."""
    return template.replace(ORIGINAL_MESSAGE_ID, message_id).replace("\n", "\r\n").encode()
