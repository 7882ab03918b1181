"""Random ranked elections counted by two independent counters from PyPI, for Warden's
counter to be compared with: stvpoll's Scottish STV and pyrankvote's STV.

Usage: python3 peers.py COUNT SEED  -> JSON on stdout: a list of
{"blt": BLT text, "seats": n, "stvpoll": [winners], "pyrankvote": [winners] or null}.
Elections have 2 to 9 candidates, 1 to 5 seats, 20 to 400 ballots ranking some or all
candidates with uneven popularity, so surpluses, exhausted papers and ties all occur.
"""
import json
import random
import sys

import pyrankvote
from pyrankvote import Ballot, Candidate
from stvpoll.scottish_stv import calculate_scottish_stv


def election(r):
    candidates = r.randint(2, 9)
    seats = r.randint(1, min(5, candidates))
    popularity = [r.random() ** 2 + 0.01 for _ in range(candidates)]
    lines = {}
    for _ in range(r.randint(20, 400)):
        pool, ranking = list(range(1, candidates + 1)), []
        for _ in range(r.randint(1, candidates)):
            pick = r.choices(pool, [popularity[p - 1] for p in pool])[0]
            ranking.append(pick)
            pool.remove(pick)
        lines[tuple(ranking)] = lines.get(tuple(ranking), 0) + 1
    return candidates, seats, lines


def blt(candidates, seats, lines):
    text = f"{candidates} {seats}\n"
    text += "".join(f"{weight} {' '.join(map(str, ranking))} 0\n" for ranking, weight in lines.items())
    text += "0\n" + "".join(f'"C{i}"\n' for i in range(1, candidates + 1)) + '"generated"\n'
    return text


def stvpoll_winners(candidates, seats, lines):
    names = [str(i) for i in range(1, candidates + 1)]
    ballots = [([str(c) for c in ranking], weight) for ranking, weight in lines.items()]
    return sorted(int(c) for c in calculate_scottish_stv(names, ballots, seats, random_shuffle=False))


def pyrankvote_winners(candidates, seats, lines):
    people = [Candidate(str(i)) for i in range(1, candidates + 1)]
    ballots = [Ballot(ranked_candidates=[people[c - 1] for c in ranking]) for ranking, weight in lines.items() for _ in range(weight)]
    try:
        result = pyrankvote.single_transferable_vote(people, ballots, number_of_seats=seats)
    except RuntimeError:  # pyrankvote gives up on some elections ("Illegal state")
        return None
    return sorted(int(c.name) for c in result.get_winners())


def main():
    count, seed = int(sys.argv[1]), int(sys.argv[2])
    r = random.Random(seed)
    out = []
    for _ in range(count):
        candidates, seats, lines = election(r)
        out.append({"blt": blt(candidates, seats, lines), "seats": seats,
                    "stvpoll": stvpoll_winners(candidates, seats, lines),
                    "pyrankvote": pyrankvote_winners(candidates, seats, lines)})
    json.dump(out, sys.stdout)


main()
