#!/usr/bin/env python3
"""`jianbao search` as a process, timed from spawn to exit: N queries of 1-6
consecutive Han characters cut at random (seeded) from the 1998 corpus,
count + top 50, after one warm-up run. Prints p50/p90/p99/max in ms.

    scripts/cli-search-latency.py BIN ARCHIVE [N] [SEED]
"""
import random
import re
import subprocess
import sys
import time


def main():
    binary, archive = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 80
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    corpus = "target/corpus/199801.txt"
    with open(corpus, encoding="utf-8") as f:
        text = re.sub(r"/[a-zA-Z]+", "", f.read()).replace(" ", "")
    runs = [h for h in re.findall(r"[\u4e00-\u9fff]+", text) if len(h) >= 6]
    rng = random.Random(seed)
    queries = []
    for _ in range(n):
        run = rng.choice(runs)
        length = rng.randint(1, 6)
        start = rng.randint(0, len(run) - length)
        queries.append(run[start:start + length])

    def once(query):
        start = time.perf_counter()
        subprocess.run([binary, "search", archive, query, "--limit", "50"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return (time.perf_counter() - start) * 1000

    once(queries[0])
    times = sorted(once(q) for q in queries)
    pick = lambda p: times[min(len(times) - 1, int(len(times) * p))]
    print(f"{n} queries: p50 {pick(0.5):.1f} ms, p90 {pick(0.9):.1f} ms, "
          f"p99 {pick(0.99):.1f} ms, max {times[-1]:.1f} ms")


if __name__ == "__main__":
    main()
