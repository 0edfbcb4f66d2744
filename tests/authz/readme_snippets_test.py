#!/usr/bin/python3
"""docs/authz.md's "Authorization service" section (moved there from the README) quotes examples/gateways/nginx.conf and
examples/gateways/Caddyfile verbatim: the files the gateway tests run.

Usage: readme_snippets_test.py SOURCE_ROOT"""
import os
import re
import sys

root = sys.argv[1]
readme = open(os.path.join(root, "docs", "authz.md")).read()
match = re.search(r"^## Authorization service\n(.*?)(?=^## )", readme, re.DOTALL | re.MULTILINE)
if not match:
    sys.exit("docs/authz.md has no '## Authorization service' section")
blocks = re.findall(r"```(\w*)\n(.*?)```", match.group(1), re.DOTALL)
failures = []
for name, lang in (("nginx.conf", "nginx"), ("Caddyfile", "caddyfile")):
    text = open(os.path.join(root, "examples", "gateways", name)).read()
    quoted = [body for block_lang, body in blocks if block_lang == lang]
    if text not in quoted:
        failures.append(f"the ```{lang} block of the section is not examples/gateways/{name} verbatim")
for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
