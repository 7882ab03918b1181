#!/usr/bin/env python3
"""Verifies every DKIM signature of a message with dkimpy, an independent implementation.

DNS is not consulted: the TXT records come from RECORDS, a JSON object mapping each record name
(selector._domainkey.domain) to its text, so the test publishes its keys without a resolver.

Prints one JSON object: {"signatures": [{"domain": ..., "selector": ..., "algorithm": ...,
"valid": true|false, "error": ...}, ...]}.

Usage: dkim_verify.py MESSAGE_FILE RECORDS_JSON
"""

import json
import re
import sys

import dkim


def main():
    with open(sys.argv[1], "rb") as f:
        message = f.read()
    with open(sys.argv[2], encoding="utf-8") as f:
        records = {name.rstrip(".").lower(): text for name, text in json.load(f).items()}

    def stub_txt(name, timeout=5):
        text = records.get(name.decode("ascii").rstrip(".").lower())
        return text.encode("ascii") if text is not None else None

    verifier = dkim.DKIM(message)
    count = len([h for h in verifier.headers if h[0].lower() == b"dkim-signature"])
    results = []
    for index in range(count):
        field = [h for h in verifier.headers if h[0].lower() == b"dkim-signature"][index][1]
        tags = dict(
            (k.strip().decode(), v.strip().decode())
            for k, v in (t.split(b"=", 1) for t in re.sub(rb"\s+", b"", field).split(b";") if b"=" in t)
        )
        result = {"domain": tags.get("d"), "selector": tags.get("s"), "algorithm": tags.get("a")}
        try:
            result["valid"] = bool(dkim.DKIM(message).verify(idx=index, dnsfunc=stub_txt))
            result["error"] = None
        except dkim.DKIMException as e:
            result["valid"] = False
            result["error"] = str(e)
        results.append(result)
    json.dump({"signatures": results}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
