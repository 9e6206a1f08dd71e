#!/usr/bin/env python3
"""Writes tests/fixtures/segno-qr-codes.json: for texts like those of letters' `qr:` paragraphs, the QR code version,
error correction level and mode that segno chooses when called as Notify calls it
(notifications_utils/qr_code.py: segno.make(data, error="m", micro=False)).
Needs segno (Debian: python3-segno). Run: python3 scripts/segno-qr-cases.py"""
import json
import pathlib
import segno

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789/:.?=&-_ABCDEFGHIJ"
texts = []
for n in range(160):
    length = 1 + (n * 37) % 504
    texts.append("".join(ALPHABET[(i * 13 + n * 7 + (i * i) % 11) % len(ALPHABET)] for i in range(length)))
texts += ["https://www.gov.uk/", "gov.uk", "0", "0123456789" * 5, "HTTPS://GOV.UK/PAY?REF=AB-12", "PAY 40 GBP",
          "https://example.com/café", "Caerdydd ŵ", "https://example.com/ŵŷ/🚀", "a" * 504, "7" * 2000,
          "https://www.example.gov.uk/pay?reference=AB-12-34567&amount=40.00"]
levels = {0: "M", 1: "L", 2: "H", 3: "Q"}
modes = {1: "numeric", 2: "alphanumeric", 4: "byte", 8: "kanji"}
cases = []
for text in texts:
    code = segno.make(text, error="m", micro=False)
    cases.append({"text": text, "version": code.version, "level": code.error.upper(), "mode": code.mode})
target = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "segno-qr-codes.json"
target.write_text(json.dumps({"source": f"segno {segno.__version__}: segno.make(text, error='m', micro=False)",
                              "cases": cases}, ensure_ascii=False, indent=0) + "\n")
print(f"{len(cases)} cases written to {target}")
