#!/usr/bin/env bash
# Regenerates fonts/NotoSansSC-Jianbao.otf: a subset of Noto Sans CJK SC (face 2 of
# Debian's NotoSansCJK-Regular.ttc) covering GB2312 ∪ 通用规范汉字表 (8,105
# characters, from Unihan's kTGH field) ∪ every character of the sample page,
# plus Latin, general punctuation, CJK symbols and full-width forms, plus the
# few characters of the 1998 People's Daily corpus outside those lists (EXTRA).
#
# Needs: apt-get install -y fonts-noto-cjk python3-fonttools unicode-data
set -euo pipefail
cd "$(dirname "$0")/.."

TTC=${NOTO_CJK_TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
UNIHAN=${UNIHAN_OTHER_MAPPINGS:-/usr/share/unicode/Unihan_OtherMappings.txt.bz2}
OUT=fonts/NotoSansSC-Jianbao.otf
EXTRA="塚孮珮"
PY=/usr/bin/python3 # Debian's python, which has fontTools
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PY" - "$UNIHAN" "$work/chars.txt" "$EXTRA" assets/*.txt <<'PYEOF'
import bz2, sys
unihan, out, extra, samples = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
chars = set(extra)
# GB2312: every two-byte code the codec can decode.
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
# 通用规范汉字表 (2013): Unihan kTGH.
with bz2.open(unihan, "rt", encoding="utf-8") as f:
    for line in f:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[1] == "kTGH":
            chars.add(chr(int(parts[0][2:], 16)))
for path in samples:
    with open(path, encoding="utf-8") as f:
        chars.update(c for c in f.read() if not c.isspace())
with open(out, "w", encoding="utf-8") as f:
    f.write("".join(sorted(chars)))
print(f"{len(chars)} characters from GB2312, kTGH and {len(samples)} sample file(s)", file=sys.stderr)
PYEOF

"$PY" -m fontTools.subset "$TTC" --font-number=2 \
  --text-file="$work/chars.txt" \
  --unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2150-218F,U+2190-21FF,U+2460-24FF,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+3200-32FF,U+FE30-FE4F,U+FF00-FFEF" \
  --layout-features="kern,ccmp,liga,calt,vert" \
  --name-IDs='*' --name-languages='*' --notdef-outline \
  --output-file="$OUT"
ls -l "$OUT"
