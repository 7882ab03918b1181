#!/usr/bin/env python3
"""A fake SMTP server that injects a reply into STARTTLS, for WardenMail's test of
CVE-2011-0411-class response injection (RFC 3207 section 6).

Serves one client on 127.0.0.1 (a free port, printed as "ready PORT"): greets, answers EHLO
offering STARTTLS, and answers STARTTLS with "220 go ahead\r\n250 fake\r\n" in one write, as an
attacker on the path would. A client that ignores the extra line goes on to the TLS handshake
with CERT/KEY; each command it then sends over TLS is answered as a permissive relay would and
recorded. At the end prints one JSON line: {"tls": whether a handshake completed, "commands":
the verbs received over TLS}.

Usage: starttls_injector.py CERT KEY
"""

import json
import socket
import ssl
import sys


def lines(sock):
    """Yields CRLF-terminated lines from sock until it closes."""
    buffer = b""
    while True:
        while b"\r\n" in buffer:
            line, buffer = buffer.split(b"\r\n", 1)
            yield line.decode("ascii", "replace")
        chunk = sock.recv(4096)
        if not chunk:
            return
        buffer += chunk


def main():
    cert, key = sys.argv[1], sys.argv[2]
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(60)
    print("ready", server.getsockname()[1], flush=True)
    connection, _ = server.accept()
    connection.settimeout(30)
    result = {"tls": False, "commands": []}
    try:
        connection.sendall(b"220 fake.example ESMTP\r\n")
        plain = lines(connection)
        next(plain)  # EHLO
        connection.sendall(b"250-fake.example\r\n250 STARTTLS\r\n")
        next(plain)  # STARTTLS
        connection.sendall(b"220 go ahead\r\n250 fake\r\n")  # one write: the injection
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        tls = context.wrap_socket(connection, server_side=True)
        result["tls"] = True
        in_data = False
        for line in lines(tls):
            if in_data:
                if line == ".":
                    in_data = False
                    tls.sendall(b"250 queued\r\n")
                continue
            verb = line.split(" ", 1)[0].split(":", 1)[0].upper()
            result["commands"].append(verb)
            if verb == "DATA":
                in_data = True
                tls.sendall(b"354 go on\r\n")
            elif verb == "QUIT":
                tls.sendall(b"221 bye\r\n")
                break
            else:
                tls.sendall(b"250 ok\r\n")
    except (OSError, StopIteration, ssl.SSLError):
        pass  # the client hung up: what it did so far is the result
    finally:
        connection.close()
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
