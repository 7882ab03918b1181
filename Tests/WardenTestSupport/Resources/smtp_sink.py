#!/usr/bin/env python3
"""A throw-away SMTP server for WardenMail's delivery tests.

Runs aiosmtpd on 127.0.0.1:PORT and writes every accepted message to OUTDIR as a JSON file
holding the envelope, the raw content as received (after the server undid dot-stuffing) and,
as an independent cross-check, the subject and body decoded by Python's email package.

Prints "ready" once listening and runs until killed.

Usage: smtp_sink.py PORT OUTDIR [--rcpt-reply 451|550] [--reject-ehlo]
"""

import argparse
import email
import email.header
import email.policy
import json
import os
import signal
import sys
import threading
import uuid

from aiosmtpd.controller import Controller


class SinkHandler:
    def __init__(self, outdir, rcpt_reply, reject_ehlo):
        self.outdir = outdir
        self.rcpt_reply = rcpt_reply
        self.reject_ehlo = reject_ehlo
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
        if self.rcpt_reply == "550":
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
    args = parser.parse_args()

    # A parent that spawned us from a thread with SIGTERM blocked (Foundation.Process under a
    # test runner does) passes that mask on; unblock so terminate() works. Do it before any
    # thread starts, so every thread inherits the unblocked mask.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})

    os.makedirs(args.outdir, exist_ok=True)
    handler = SinkHandler(args.outdir, args.rcpt_reply, args.reject_ehlo)
    controller = Controller(handler, hostname="127.0.0.1", port=args.port)
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
