#!/usr/bin/env python3
"""Writes tests/fixtures/python-html-unescape.json: inputs and what Python's html.unescape (which Notify's
formatters rely on) makes of them, for every HTML5 named reference with and without ';', names that only a prefix
matches, unknown names, and numeric references around every range Python treats specially.
Run: python3 scripts/python-html-unescape-cases.py"""
import html
import html.entities
import json
import pathlib

inputs = []
for name in sorted(html.entities.html5):
    inputs.append(f"a&{name}b")
    if name.endswith(';'):
        inputs.append(f"&{name[:-1]}x;")
for text in ["&ampx;", "&amp", "&notit;", "&notin", "&alpha", "&unknown;", "&;", "& amp;", "&&amp;", "&#;", "&#x;",
             "&" + "a" * 31 + ";", "&" + "a" * 32 + ";", "&" + "a" * 33 + ";", "&AMP;&AMP", "&ltlt;"]:
    inputs.append(text)
code_points = set(range(0, 0x200)) | {0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfdcf, 0xfdd0, 0xfdef, 0xfdf0,
                                      0x10ffff, 0x110000, 0xffffffff, 10 ** 30}
for plane in range(17):
    code_points |= {plane * 0x10000 + 0xfffd, plane * 0x10000 + 0xfffe, plane * 0x10000 + 0xffff}
for code_point in sorted(code_points):
    inputs.append(f"&#{code_point};")
    inputs.append(f"&#x{code_point:X}")
    inputs.append(f"&#x{code_point:x};z")

cases = [[text, html.unescape(text)] for text in inputs]
target = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "python-html-unescape.json"
target.write_text(json.dumps({"source": "Python " + __import__("sys").version.split()[0] + " html.unescape", "cases": cases},
                             ensure_ascii=True, indent=0) + "\n")
print(f"{len(cases)} cases written to {target}")
