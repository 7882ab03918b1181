#!/usr/bin/env python3
"""A throw-away SMTP server for WardenMail's delivery tests.

Runs aiosmtpd on 127.0.0.1:PORT and writes every accepted message to OUTDIR as a JSON file
holding the envelope, the raw content as received (after the server undid dot-stuffing) and,
as an independent cross-check, the subject and body decoded by Python's email package.

Prints "ready" once listening and runs until killed.

With --tls-cert/--tls-key it offers STARTTLS (or, with --implicit-tls, speaks TLS from the first
byte); with --auth USER:PASSWORD it requires AUTH, over TLS only (after STARTTLS, or throughout
with implicit TLS), offering PLAIN and LOGIN, or LOGIN alone with --auth-login-only. --refuse-rcpt ADDRESS
refuses that one recipient with 550 and accepts the others.

Usage: smtp_sink.py PORT OUTDIR [--rcpt-reply 451|550] [--reject-ehlo] [--refuse-rcpt ADDRESS]
                    [--tls-cert CERT --tls-key KEY [--implicit-tls]]
                    [--auth USER:PASSWORD [--auth-login-only]]
"""

import argparse
import email
import email.header
import email.policy
import json
import os
import signal
import ssl
import sys
import threading
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class SinkHandler:
    def __init__(self, outdir, rcpt_reply, reject_ehlo, refuse_rcpt=None):
        self.outdir = outdir
        self.rcpt_reply = rcpt_reply
        self.reject_ehlo = reject_ehlo
        self.refuse_rcpt = refuse_rcpt
        self.count = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        if self.reject_ehlo:
            return ["502 5.5.1 EHLO not supported here"]
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # Echo the address in refusals on purpose: real relays do, and the client must not leak it.
        if self.rcpt_reply == "451":
            return f"451 4.3.0 <{address}>: temporarily unavailable, try again later"
        if self.rcpt_reply == "550" or address == self.refuse_rcpt:
            return f"550 5.1.1 <{address}>: no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        body = parsed.get_content() if not parsed.is_multipart() else None
        record = {
            "helo": session.host_name,
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "raw": raw.decode("ascii", "replace"),
            "raw_is_ascii": all(b < 128 for b in raw),
            "parsed_subject": str(parsed["Subject"]),
            "parsed_body": body,
            "parsed_content_type": parsed.get_content_type(),
            "parsed_charset": parsed.get_content_charset(),
            # session.ssl is set by STARTTLS only; implicit TLS shows on the transport.
            "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
            "auth_user": session.auth_data.login.decode() if session.authenticated else None,
        }
        self.count += 1
        name = f"{self.count:04d}-{uuid.uuid4().hex}.json"
        tmp = os.path.join(self.outdir, "." + name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.rename(tmp, os.path.join(self.outdir, name))  # atomic: readers never see half a file
        return "250 2.0.0 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("outdir")
    parser.add_argument("--rcpt-reply", choices=["451", "550"], default=None)
    parser.add_argument("--reject-ehlo", action="store_true")
    parser.add_argument("--refuse-rcpt", default=None)
    parser.add_argument("--tls-cert", default=None)
    parser.add_argument("--tls-key", default=None)
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth", default=None)
    parser.add_argument("--auth-login-only", action="store_true")
    args = parser.parse_args()

    # A parent that spawned us from a thread with SIGTERM blocked (Foundation.Process under a
    # test runner does) passes that mask on; unblock so terminate() works. Do it before any
    # thread starts, so every thread inherits the unblocked mask.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})

    os.makedirs(args.outdir, exist_ok=True)
    handler = SinkHandler(args.outdir, args.rcpt_reply, args.reject_ehlo, args.refuse_rcpt)
    options = {}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        if args.implicit_tls:
            options["ssl_context"] = context
        else:
            options["tls_context"] = context
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data == (user.encode(), password.encode())
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

        # aiosmtpd counts only STARTTLS as TLS for auth_require_tls; implicit TLS is TLS throughout.
        options.update(authenticator=authenticator, auth_required=True, auth_require_tls=not args.implicit_tls)
        if args.auth_login_only:
            options["auth_exclude_mechanism"] = ["PLAIN"]
    controller = Controller(handler, hostname="127.0.0.1", port=args.port, **options)
    controller.start()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("ready", flush=True)
    try:
        while not stop.wait(0.1):
            pass
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
