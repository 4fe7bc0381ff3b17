#!/usr/bin/env bash
# Real Chinese PDFs for the smoke test in tests/pdf.rs (`real_chinese_pdfs`):
# the Debian Edu manual in Chinese, unpacked into target/real-pdf/.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/real-pdf
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download debian-edu-doc-zh-cn)
dpkg-deb -x "$tmp"/debian-edu-doc-zh-cn_*.deb "$tmp/x"
find "$tmp/x" -name '*.pdf' -exec cp {} "$out/" \;
ls -l "$out"
