"""Prints "requests/s p50_ms p99_ms non-2xx" from the output of `wrk --latency`."""
import re
import sys

text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))


def latency(percent):
    match = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)", text)
    value, unit = float(match.group(1)), match.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{rps:.0f} {latency(50):.2f} {latency(99):.2f} {bad.group(1) if bad else 0}")
