#!/usr/bin/env python3
"""Helper for scripts/attack: signs demo accounts in and summarises schemathesis's reports.

    attack.py signin WARDEN DB PORT USERNAME PASSWORD    prints a bearer token
    attack.py alive PORT TOKEN                           exit 0 if the token still opens GET /api/v1/me
    attack.py summary REPORTS_DIR PORT                   prints the table; exit 1 if anything failed

Talks only to 127.0.0.1.
"""

import collections
import glob
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

HOST = "127.0.0.1"


def request(port, method, path, body=None, token=None):
    """(status, parsed JSON or None) for one request to the local server, never through a proxy."""
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://{HOST}:{port}{path}", data=data, method=method, headers=headers)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        try:
            return error.code, json.loads(error.read() or b"null")
        except ValueError:
            return error.code, None


def signin(warden, db, port, username, password):
    """A second-factor code is good once (the demo's own seeding may have used this step's), so
    on refusal wait into the next 30-second step and try again; accounts without a second
    factor (the member) sign in with username and password alone."""
    last = None
    for _ in range(3):
        code = subprocess.run([warden, "account", "code", username, "--db", db], capture_output=True, text=True)
        body = {"username": username, "password": password}
        if code.returncode == 0:
            body["totp"] = code.stdout.strip()
        elif "no second factor" not in code.stderr:
            sys.exit(f"attack.py: warden account code {username}: {code.stderr.strip()}")
        status, answer = request(port, "POST", "/api/v1/session", body)
        if status == 200 and answer and answer.get("token"):
            print(answer["token"])
            return
        last = (status, answer)
        time.sleep(31 - time.time() % 30)
    sys.exit(f"attack.py: {username} could not sign in: {last}")


def alive(port, token):
    status, _ = request(port, "GET", "/api/v1/me", token=token)
    sys.exit(0 if status == 200 else 1)


def b64text(content, limit=160):
    """A response or request body from the ndjson report, as short printable text."""
    import base64

    if not content:
        return ""
    if isinstance(content, dict) and "$base64" in content:
        raw = base64.b64decode(content["$base64"])
    elif isinstance(content, str):
        raw = content.encode()
    else:
        raw = json.dumps(content).encode()
    text = raw.decode("utf-8", "replace").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summarise_run(directory, port):
    """Figures for one schemathesis run from its JSON and NDJSON reports."""
    run = {"requests": 0, "statuses": collections.Counter(), "failures": {}, "errors": [],
           "operations": None, "stop": None, "foreign": 0, "seed": None}
    reports = sorted(glob.glob(os.path.join(directory, "json-*.json")))
    if reports:
        document = json.load(open(reports[-1]))
        run["operations"] = (document.get("operations") or {}).get("tested")
        run["stop"] = document.get("stop_reason")
        run["seed"] = document.get("seed")
        run["errors"] = document.get("errors") or []
        for group in document.get("failures") or []:
            run["failures"][group["code"]] = {"title": group["title"], "unique": group["count"],
                                              "cases": 0, "operations": group["operations"], "example": None}
    else:
        run["errors"] = [{"title": "schemathesis wrote no JSON report (see schemathesis.log)", "count": 1}]
    signin_error = os.path.join(directory, "signin-error")
    if os.path.exists(signin_error):
        run["errors"] = [{"title": open(signin_error).read().strip() or "sign-in failed", "count": 1}]
    origin = f"http://{HOST}:{port}/"
    for path in sorted(glob.glob(os.path.join(directory, "ndjson-*.ndjson"))):
        for line in open(path):
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if not finished:
                continue
            recorder = finished.get("recorder") or {}
            interactions = recorder.get("interactions") or {}
            for interaction in interactions.values():
                run["requests"] += 1
                if not interaction["request"]["uri"].startswith(origin):
                    run["foreign"] += 1
                response = interaction.get("response")
                run["statuses"][response["status_code"] if response else "no response"] += 1
            for case_id, checks in (recorder.get("checks") or {}).items():
                for check in checks:
                    info = (check.get("failure_info") or {}).get("failure")
                    if check.get("status") != "failure" or not info:
                        continue
                    entry = run["failures"].setdefault(info["code"], {"title": info["title"], "unique": 0, "cases": 0,
                                                                      "operations": [], "example": None})
                    entry["cases"] += 1
                    if entry["example"] is None:
                        interaction = interactions.get(case_id) or {}
                        req = interaction.get("request") or {}
                        response = interaction.get("response") or {}
                        entry["example"] = {
                            "request": f"{req.get('method', info.get('operation', '?').split()[0])} {req.get('uri', info.get('operation', ''))}",
                            "body": b64text(req.get("body")),
                            "status": response.get("status_code"),
                            "response": b64text(response.get("content")),
                            "message": info.get("message", "").replace("\n", "; "),
                        }
    return run


def summary(directory, port):
    runs = sorted(d for d in os.listdir(directory) if os.path.isdir(os.path.join(directory, d)))
    order = {name: i for i, name in enumerate(os.environ.get("ATTACK_ORDER", "").split())}
    runs.sort(key=lambda name: order.get(name, len(order)))
    failed = False
    print("\n== schemathesis against the demo's JSON API (failures: unique, by schemathesis's grouping) ==\n")
    print(f"{'run':<16} {'operations':>10} {'requests':>9} {'5xx':>6} {'failures':>9}  responses by status")
    figures = {}
    for name in runs:
        run = summarise_run(os.path.join(directory, name), port)
        figures[name] = run
        server_errors = sum(n for status, n in run["statuses"].items() if isinstance(status, int) and status >= 500)
        unique = sum(f["unique"] or 1 for f in run["failures"].values())
        statuses = ", ".join(f"{status}×{n}" for status, n in sorted(run["statuses"].items(), key=lambda kv: str(kv[0])))
        print(f"{name:<16} {run['operations'] if run['operations'] is not None else '?':>10} {run['requests']:>9} "
              f"{server_errors:>6} {unique:>9}  {statuses}")
    for name in runs:
        run = figures[name]
        if not run["failures"] and not run["errors"] and not run["foreign"]:
            continue
        failed = True
        print(f"\n-- {name} (stopped: {run['stop']}, seed {run['seed']})")
        if run["foreign"]:
            print(f"   {run['foreign']} request(s) went somewhere other than {HOST}:{port}!")
        for error in run["errors"]:
            print(f"   error in schemathesis or sign-in, not a finding about the API (see schemathesis.log): "
                  f"{error['title']} ×{error['count']}")
        for code, failure in sorted(run["failures"].items()):
            print(f"   {code} {failure['title']}: {failure['unique']} unique, {failure['cases']} failing case(s); "
                  f"operations: {', '.join(failure['operations'][:6])}{' …' if len(failure['operations']) > 6 else ''}")
            example = failure["example"]
            if example:
                print(f"      e.g. {example['request']}" + (f" body {example['body']}" if example["body"] else ""))
                print(f"           → {example['status']} {example['response']}")
                if example["message"]:
                    print(f"           {example['message'][:300]}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "signin":
        signin(*args)
    elif command == "alive":
        alive(*args)
    elif command == "summary":
        summary(*args)
    else:
        sys.exit(__doc__)
