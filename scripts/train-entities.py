#!/usr/bin/env python3
"""Trains the entity tagger shipped as assets/entities/tagger.bin.

A character-level averaged structured perceptron (first-order Viterbi, BIO
tags for person / place / organisation) trained on People's Daily, January
1998 (PKU corpus, word/POS format; fetch it with scripts/fetch-corpus.sh).
Inference is in Rust (src/archive/entities/tagger.rs), which computes the
same features; this script and that file must agree on `norm`, `features`
and the file layout.

Split by day: train on 1998-01-01..20, tune (choose the epoch) on 21..25;
26..31 are left for the report, which `cargo bench --bench entities` gives.
This copy of the corpus has no PKU ids, so a line's day is estimated from
datelines (the running maximum of "１月N日电"), good to about a day.

The model holds feature keys (template id and up to three characters) with
quantised weights: a lexicon of characters and character pairs, never a
sentence of the corpus.

Usage: scripts/train-entities.py CORPUS [OUT] [--epochs N] [--keep N] [--dump ERRORS.txt]
"""

import random
import re
import struct
import sys
import time

# BIOES: O, then B-, I-, E- (end) and S- (single) for each kind, in this order.
TAGS = ["O"] + [f"{p}-{k}" for k in ("PER", "LOC", "ORG") for p in "BIES"]
KIND_OF = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
NT = len(TAGS)
BOS, EOS = 2, 3
ID_RE = re.compile(r"^\d{8}-\d{2}-\d{3}-\d{3}/m$")
DATELINE_RE = re.compile(r"１月/t\s+([０-９]+)日/t\s+电/n")
FULL_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def norm(ch):
    """Folds what varies between papers: full-width ASCII, digits, letters."""
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:
        o -= 0xFEE0
    if o == 0x3000:
        o = 0x20
    if 0x30 <= o <= 0x39:
        return 0x30
    if 0x41 <= o <= 0x5A or 0x61 <= o <= 0x7A:
        return 0x61
    return min(o, 0x7FFFF)


def parse_line(line):
    """word/POS tokens → (text, [(kind, start, end)]) with nr runs joined."""
    toks = line.split()
    if toks and ID_RE.match(toks[0]):
        toks = toks[1:]
    text = []
    spans = []
    pos = 0
    bracket_start = None
    bracket_inner = []
    run = None  # (kind, start, end) of an open nr run
    for tok in toks:
        outer = None
        if tok.startswith("[") and len(tok) > 1:
            bracket_start = pos
            bracket_inner = []
            tok = tok[1:]
        m = re.match(r"^(.*)\](\w+)$", tok)
        if m and bracket_start is not None:
            tok, outer = m.group(1), m.group(2)
        word, _, tag = tok.rpartition("/")
        if not word:
            word, tag = tok, "x"
        start = pos
        text.append(word)
        pos += len(word)
        kind = KIND_OF.get(tag)
        if kind == "PER" and run is not None and run[2] == start:
            run = (kind, run[1], pos)
        else:
            if run is not None:
                (bracket_inner if bracket_start is not None else spans).append(run)
                run = None
            if kind == "PER":
                run = (kind, start, pos)
            elif kind:
                (bracket_inner if bracket_start is not None else spans).append((kind, start, pos))
        if outer is not None:
            if run is not None:
                bracket_inner.append(run)
                run = None
            okind = KIND_OF.get(outer)
            if okind:
                spans.append((okind, bracket_start, pos))
            else:
                spans.extend(bracket_inner)
            bracket_start = None
            bracket_inner = []
    if run is not None:
        spans.append(run)
    spans.extend(bracket_inner)
    spans.sort(key=lambda s: s[1])
    return "".join(text), spans


def read_corpus(path):
    """[(day, text, spans)] with each line's (estimated) day."""
    out = []
    day = 1
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            first = line.split(None, 1)[0]
            if ID_RE.match(first):
                day = int(first[6:8])
            else:
                for m in DATELINE_RE.finditer(line):
                    day = max(day, int(m.group(1).translate(FULL_DIGITS)))
            text, spans = parse_line(line)
            if text:
                out.append((day, text, spans))
    return out


def labels(text, spans):
    y = [0] * len(text)
    for kind, s, e in spans:
        if e - s == 1:
            y[s] = TAGS.index("S-" + kind)
            continue
        y[s] = TAGS.index("B-" + kind)
        for i in range(s + 1, e - 1):
            y[i] = TAGS.index("I-" + kind)
        y[e - 1] = TAGS.index("E-" + kind)
    return y


# Templates: tuples of (offset, view); view 0 is the folded character, view
# 1 its class (see `char_classes`). The Rust side reads them from the model.
TEMPLATES = [
    ((-2, 0),),
    ((-1, 0),),
    ((0, 0),),
    ((1, 0),),
    ((2, 0),),
    ((-2, 0), (-1, 0)),
    ((-1, 0), (0, 0)),
    ((0, 0), (1, 0)),
    ((1, 0), (2, 0)),
    ((-1, 0), (1, 0)),
    ((-1, 0), (0, 0), (1, 0)),
    ((-2, 0), (-1, 0), (0, 0)),
    ((0, 0), (1, 0), (2, 0)),
    ((-3, 0), (-2, 0), (-1, 0)),
    ((1, 0), (2, 0), (3, 0)),
    ((-1, 1), (0, 1), (1, 1)),
    ((-2, 1), (-1, 1), (0, 1)),
    ((0, 1), (1, 1), (2, 1)),
    ((-1, 1), (0, 1)),
    ((0, 1), (1, 1)),
]
PAD = 3  # positions before and after the text


def char_classes(train_rows):
    """Character → class: how often it starts, continues or ends a name,
    place or organisation in the training days, bucketed. Lets the model
    carry what it learnt about one name to names it never saw."""
    from collections import Counter

    total = Counter()
    role = {k: Counter() for k in ("bp", "ip", "el", "eo")}
    for text, spans in train_rows:
        for ch in text:
            total[norm(ch)] += 1
        for kind, s, e in spans:
            if kind == "PER":
                role["bp"][norm(text[s])] += 1
                for ch in text[s + 1 : e]:
                    role["ip"][norm(ch)] += 1
            elif kind == "LOC":
                role["el"][norm(text[e - 1])] += 1
            else:
                role["eo"][norm(text[e - 1])] += 1

    def bucket(n, t):
        if t < 3:
            return 0
        r = n / t
        return 0 if r < 0.05 else 1 if r < 0.3 else 2

    classes = {}
    for ch, t in total.items():
        if t < 3:
            continue
        b = [bucket(role[k][ch], t) for k in ("bp", "ip", "el", "eo")]
        cls = 4 + b[0] + 3 * b[1] + 9 * b[2] + 27 * b[3]
        if cls != 4:
            classes[ch] = cls
    return classes


def features(codes, classes):
    """Feature keys per position: template << 57 | values packed 19 bits each."""
    n = len(codes)
    views = (
        [BOS] * PAD + codes + [EOS] * PAD,
        [BOS] * PAD + [classes.get(x, 4) for x in codes] + [EOS] * PAD,
    )
    out = []
    for i in range(n):
        keys = []
        for t, items in enumerate(TEMPLATES):
            p = 0
            for off, view in items:
                p = (p << 19) | views[view][i + PAD + off]
            keys.append((t << 57) | p)
        out.append(tuple(keys))
    return out


def allowed(prev, cur):
    """BIOES: I- and E- continue a B- or I- of their kind; O, B- and S-
    follow anything that has ended."""
    t = TAGS[cur]
    p = TAGS[prev] if prev is not None else "O"
    open_ = p[0] in "BI"
    if t[0] in "IE":
        return open_ and p[2:] == t[2:]
    return not open_


ALLOWED = [[allowed(p, c) for c in range(NT)] for p in range(NT)]
START_OK = [allowed(None, c) for c in range(NT)]
END_OK = [TAGS[k][0] not in "BI" for k in range(NT)]
NEG = -1e18


class Model:
    def __init__(self):
        self.w = {}
        self.u = {}
        self.trans = [[0.0] * NT for _ in range(NT)]
        self.trans_u = [[0.0] * NT for _ in range(NT)]
        self.c = 1

    def emissions(self, feats, weights):
        em = []
        zero = None
        for fs in feats:
            s = [0.0] * NT
            for f in fs:
                v = weights.get(f)
                if v is not None:
                    for k in range(NT):
                        s[k] += v[k]
            em.append(s)
        return em

    def decode(self, feats, weights=None, trans=None):
        weights = self.w if weights is None else weights
        trans = self.trans if trans is None else trans
        em = self.emissions(feats, weights)
        n = len(em)
        score = [em[0][k] if START_OK[k] else NEG for k in range(NT)]
        back = []
        for i in range(1, n):
            e = em[i]
            new = [0.0] * NT
            bp = [0] * NT
            for k in range(NT):
                best, arg = NEG, 0
                for p in range(NT):
                    if ALLOWED[p][k]:
                        v = score[p] + trans[p][k]
                        if v > best:
                            best, arg = v, p
                new[k] = best + e[k]
                bp[k] = arg
            score = new
            back.append(bp)
        k = max((t for t in range(NT) if END_OK[t]), key=lambda t: score[t])
        path = [k]
        for bp in reversed(back):
            k = bp[k]
            path.append(k)
        path.reverse()
        return path

    def update(self, feats, gold, pred):
        c = self.c
        for i, (g, p) in enumerate(zip(gold, pred)):
            if g != p:
                for f in feats[i]:
                    w = self.w.get(f)
                    if w is None:
                        w = self.w[f] = [0.0] * NT
                        self.u[f] = [0.0] * NT
                    u = self.u[f]
                    w[g] += 1
                    w[p] -= 1
                    u[g] += c
                    u[p] -= c
            if i > 0 and (gold[i - 1] != pred[i - 1] or g != p):
                self.trans[gold[i - 1]][g] += 1
                self.trans[pred[i - 1]][p] -= 1
                self.trans_u[gold[i - 1]][g] += c
                self.trans_u[pred[i - 1]][p] -= c

    def averaged(self):
        c = self.c
        w = {f: [a - b / c for a, b in zip(v, self.u[f])] for f, v in self.w.items()}
        t = [[a - b / c for a, b in zip(r, ru)] for r, ru in zip(self.trans, self.trans_u)]
        return w, t


def spans_of(path):
    out = []
    start = None
    for i, k in enumerate(path):
        t = TAGS[k]
        if t[0] == "S":
            out.append((t[2:], i, i + 1))
        elif t[0] == "B":
            start = i
        elif t[0] == "E" and start is not None:
            out.append((t[2:], start, i + 1))
            start = None
    return out


def evaluate(model, data, weights, trans):
    tp = {k: 0 for k in ("PER", "LOC", "ORG")}
    npred = dict(tp)
    ngold = dict(tp)
    for feats, y in data:
        g = set(spans_of(y))
        p = set(spans_of(model.decode(feats, weights, trans)))
        for s in g:
            ngold[s[0]] += 1
        for s in p:
            npred[s[0]] += 1
            if s in g:
                tp[s[0]] += 1
    res = {}
    for k in tp:
        pr = tp[k] / npred[k] if npred[k] else 0.0
        rc = tp[k] / ngold[k] if ngold[k] else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        res[k] = (pr, rc, f1)
    return res


def quantise(weights, trans, keep):
    """Keeps the `keep` strongest features, weights as i16 on one scale."""
    ranked = sorted(weights.items(), key=lambda kv: -sum(abs(x) for x in kv[1]))
    ranked = ranked[:keep]
    peak = max(max(abs(x) for x in v) for _, v in ranked)
    peak = max(peak, max(abs(x) for r in trans for x in r))
    scale = 32000.0 / peak
    q = {}
    for f, v in ranked:
        qv = [int(round(x * scale)) for x in v]
        if any(qv):
            q[f] = qv
    qt = [[int(round(x * scale)) for x in r] for r in trans]
    return q, qt, scale


def write_model(path, q, qt, classes):
    keys = sorted(q)
    with open(path, "wb") as f:
        f.write(b"JBENT002")
        f.write(struct.pack("<I", NT))
        f.write(struct.pack("<I", len(TEMPLATES)))
        for items in TEMPLATES:
            f.write(struct.pack("<B", len(items)))
            for off, view in items:
                f.write(struct.pack("<bB", off, view))
        f.write(struct.pack("<I", len(classes)))
        for ch in sorted(classes):
            f.write(struct.pack("<IB", ch, classes[ch]))
        f.write(struct.pack("<I", len(keys)))
        for r in qt:
            f.write(struct.pack("<%di" % NT, *r))
        # Keys as deltas (varints): sorted keys share their high bits.
        prev = 0
        buf = bytearray()
        for k in keys:
            d = k - prev
            prev = k
            while True:
                b = d & 0x7F
                d >>= 7
                if d:
                    buf.append(b | 0x80)
                else:
                    buf.append(b)
                    break
        f.write(struct.pack("<I", len(buf)))
        f.write(buf)
        for k in keys:
            f.write(struct.pack("<%dh" % NT, *q[k]))


def main():
    args = sys.argv[1:]
    epochs, keep = 10, 120_000
    if "--epochs" in args:
        i = args.index("--epochs")
        epochs = int(args[i + 1])
        del args[i : i + 2]
    if "--keep" in args:
        i = args.index("--keep")
        keep = int(args[i + 1])
        del args[i : i + 2]
    dump = None
    if "--dump" in args:
        i = args.index("--dump")
        dump = args[i + 1]
        del args[i : i + 2]
    corpus = args[0]
    out = args[1] if len(args) > 1 else "assets/entities/tagger.bin"
    rows = read_corpus(corpus)
    train_rows = [(text, spans) for day, text, spans in rows if day <= 20]
    classes = char_classes(train_rows)
    # Jackknifed classes for the training lines: each half's from the other
    # half, so the model learns how far a class is worth trusting on a name
    # it has not seen (classes from the lines themselves would be a leak).
    halves = [char_classes(train_rows[1::2]), char_classes(train_rows[0::2])]
    print(f"{len(classes)} character classes", flush=True)
    train, tune, tune_text = [], [], []
    n_train = 0
    for day, text, spans in rows:
        if day <= 20:
            cls = halves[n_train % 2]
            n_train += 1
            train.append((features([norm(ch) for ch in text], cls), labels(text, spans)))
        elif day <= 25:
            tune.append((features([norm(ch) for ch in text], classes), labels(text, spans)))
            tune_text.append(text)
    print(f"train {len(train)} lines, tune {len(tune)} lines", flush=True)
    model = Model()
    rng = random.Random(1998)
    best = None
    for epoch in range(1, epochs + 1):
        t0 = time.time()
        order = list(range(len(train)))
        rng.shuffle(order)
        for idx in order:
            feats, y = train[idx]
            pred = model.decode(feats)
            if pred != y:
                model.update(feats, y, pred)
            model.c += 1
        w, t = model.averaged()
        res = evaluate(model, tune, w, t)
        f_sum = sum(r[2] for r in res.values())
        line = "  ".join(f"{k} P {p:.3f} R {r:.3f} F {f:.3f}" for k, (p, r, f) in res.items())
        print(f"epoch {epoch} ({time.time() - t0:.0f} s, {len(w)} features) tune: {line}", flush=True)
        if best is None or f_sum > best[0]:
            best = (f_sum, epoch, w, t)
    _, epoch, w, t = best
    q, qt, scale = quantise(w, t, keep)
    qres = evaluate(model, tune, {f: [x / scale for x in v] for f, v in q.items()}, [[x / scale for x in r] for r in qt])
    line = "  ".join(f"{k} P {p:.3f} R {r:.3f} F {f:.3f}" for k, (p, r, f) in qres.items())
    print(f"chosen epoch {epoch}; kept {len(q)} features; tune after quantising: {line}")
    write_model(out, q, qt, classes)
    if dump:
        qw = {f: [x / scale for x in v] for f, v in q.items()}
        qtt = [[x / scale for x in r] for r in qt]
        with open(dump, "w", encoding="utf-8") as f:
            for (feats, y), text in zip(tune, tune_text):
                g = set(spans_of(y))
                p = set(spans_of(model.decode(feats, qw, qtt)))
                for kind, s, e in sorted(g - p, key=lambda x: x[1]):
                    f.write(f"FN {kind} {text[s:e]}\t{text[max(0, s - 8):s]}[{text[s:e]}]{text[e:e + 8]}\n")
                for kind, s, e in sorted(p - g, key=lambda x: x[1]):
                    f.write(f"FP {kind} {text[s:e]}\t{text[max(0, s - 8):s]}[{text[s:e]}]{text[e:e + 8]}\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
