# Writes shamir-vectors.json: points on random polynomials over GF(2^8), worked out by the
# SLIP-0039 reference implementation (PyPI shamir-mnemonic 0.3.0, MIT), for Warden's Shamir to reproduce.
# python3 -m pip install shamir-mnemonic==0.3.0 && python3 shamir-vectors.py > shamir-vectors.json
import json, random
from shamir_mnemonic.shamir import _interpolate, RawShare
r = random.Random(20261201)
vectors = []
for case in range(24):
    k = r.randint(2, 5)
    length = r.choice([1, 16, 32])
    xs = r.sample(range(1, 256), k)
    shares = [RawShare(x, bytes(r.randrange(256) for _ in range(length))) for x in xs]
    at = [0] + r.sample([x for x in range(1, 256) if x not in xs], 2)
    vectors.append({
        "shares": [{"x": s.x, "y": s.data.hex()} for s in shares],
        "points": [{"x": x, "y": _interpolate(shares, x).hex()} for x in at],
    })
print(json.dumps({"source": "generated with trezor/python-shamir-mnemonic (SLIP-0039 reference implementation, MIT licence), shamir._interpolate over GF(2^8) with x^8+x^4+x^3+x+1", "vectors": vectors}, indent=1))
