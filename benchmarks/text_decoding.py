"""Milliseconds to decode a 20,000-row CSV file: UTF-8, Windows-1252, and UTF-8 with one
stray byte in 100 rows repaired.

Run: python benchmarks/text_decoding.py [--rows N]
Baseline in the same run: the decoding that tried UTF-8 and, failing, decoded the whole
file as Windows-1252 (which read the mixed file wrong, in silence), with the same check
for control characters.
"""

import argparse
import re
import statistics
import time

from delegation.interchange.text_encodings import decode_text

ROW = "Ménard;Zoé;zoe.menard{n}@example.fr;Société Générale;Confirmé;A, B\r\n"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def baseline(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    _CONTROL.search(text)
    return text


def files(rows: int) -> dict[str, bytes]:
    text = "Nom;Prénom;Courriel;Société;Statut;Groupes\r\n" + "".join(
        ROW.format(n=n) for n in range(rows)
    )
    mixed = b"".join(
        line.encode("cp1252" if n % 100 == 50 else "utf-8")
        for n, line in enumerate(text.splitlines(keepends=True))
    )
    return {"UTF-8": text.encode(), "Windows-1252": text.encode("cp1252"), "mixed": mixed}


def median_ms(function, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    rows = parser.parse_args().rows
    print(f"{rows} rows: decode_text ms (baseline: UTF-8, else whole Windows-1252, ms)")
    for name, data in files(rows).items():
        ours = median_ms(lambda data=data: decode_text(data, "x.csv", repair=True))
        base = median_ms(lambda data=data: baseline(data))
        print(f"  {name:<13} {len(data) / 1e6:5.2f} MB  {ours:7.1f} ms  (baseline {base:6.1f} ms)")


if __name__ == "__main__":
    main()
