#!/usr/bin/env python3
"""Page files of January 1998 from the People's Daily corpus, for trying the
app on a month of real text: the corpus's paragraphs (POS tags stripped) are
spread over the 31 days, PAGES pages a day, a blank line between paragraphs,
named 1998-01-DD_PP.txt as the importer reads them.

    scripts/corpus-pages.py OUT_DIR [CORPUS] [PAGES]
"""
import os
import sys


def words(line):
    out = []
    for token in line.split():
        token = token.lstrip("[")
        slash = token.rfind("/")
        out.append(token[:slash] if slash >= 0 else token)
    return "".join(out)


def main():
    out = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 else "target/corpus/199801.txt"
    pages = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    with open(corpus, encoding="utf-8") as f:
        paragraphs = [p for p in (words(line) for line in f) if p]
    os.makedirs(out, exist_ok=True)
    slots = 31 * pages
    per = -(-len(paragraphs) // slots)
    for slot in range(slots):
        chunk = paragraphs[slot * per:(slot + 1) * per]
        if not chunk:
            break
        day, page = slot // pages + 1, slot % pages + 1
        name = os.path.join(out, f"1998-01-{day:02}_{page:02}.txt")
        with open(name, "w", encoding="utf-8") as f:
            f.write("\n\n".join(chunk) + "\n")
    print(f"{min(slots, -(-len(paragraphs) // per))} page files in {out}")


if __name__ == "__main__":
    main()
