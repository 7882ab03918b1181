#!/usr/bin/env python3
"""Writes a synthetic EMS register (and its areas file) for the import benchmark.

usage: make_register.py ROWS REGISTER.csv AREAS.csv

Names and streets are drawn from small word lists; no real people. Households hold 1-4
electors; 40 polling districts in 10 wards.
"""
import random
import sys

FORENAMES = "Ann Bob Cat Dan Eve Fay Gus Hal Ian Jo Kay Lee Max Ned Oli Pam Raj Sam Tom Una Vic Wyn Zoe".split()
SURNAMES = "Lee Fox Ray Hill Ward Cook Khan Shaw Hunt Webb Bell Reid Kaur Ross Wood Hall Gray Cole Dunn Ford".split()
STREETS = "Mill Lane,High Street,Church Road,Station Road,Park Avenue,Oak Close,Elm Way,Ash Grove".split(",")


def main() -> None:
    rows, register_path, areas_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = random.Random(2026)
    districts = [f"{chr(65 + w)}{chr(65 + d)}" for w in range(10) for d in range(4)]
    with open(areas_path, "w") as areas:
        areas.write("level,code,name,parent\nnation,E,England,\nregion,R,Region,E\nconstituency,C,Bench,R\n")
        for w in range(10):
            areas.write(f"ward,W{w},Ward {w},C\n")
        for code in districts:
            areas.write(f"polling_district,{code},District {code},W{ord(code[0]) - 65}\n")
    per_district = rows // len(districts)
    with open(register_path, "w", newline="") as out:
        out.write("\ufeffElector Number Prefix,Elector Number,Elector Number Suffix,Elector Markers,Elector DOB,"
                  "Elector Surname,Elector Forename,PostCode,Address1,Address2,Address3,Address4,Address5,Address6\r\n")
        written = 0
        for index, district in enumerate(districts):
            count = per_district if index < len(districts) - 1 else rows - written
            number, house = 0, 0
            while number < count:
                house += 1
                street = STREETS[house // 200 % len(STREETS)]
                postcode = f"BN{index} {house % 9 + 1}{chr(65 + house // 9 % 26)}{chr(65 + house // 234 % 26)}"
                family = rng.choice(SURNAMES)
                for _ in range(rng.randint(1, 4)):
                    if number == count:
                        break
                    number += 1
                    out.write(f'{district},{number},,,,{family},{rng.choice(FORENAMES)},{postcode},'
                              f'"{house} {street}, Flat {house % 3}",Benchtown,,,,\r\n')
            written += count


if __name__ == "__main__":
    main()
