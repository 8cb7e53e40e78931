# Runs Debian's wapiti 3.0.4 with working URL exclusions (-x). Its wildcard_translate() puts the regex flags «(?ms)» at
# the end of the pattern, which Python 3.11 refuses («global flags not at the start»), so any -x crashes it. This
# replaces that one function with the same translation, flags first, and then starts wapiti as its own script does.
# Usage: the system python (the one in wapiti's first line) scripts/wapiti-excluding.py <wapiti arguments>
import re
import sys
from importlib.metadata import distribution

import wapitiCore.net.crawler as crawler


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z")


crawler.wildcard_translate = wildcard_translate
entry = next(e for e in distribution("wapiti3").entry_points if e.group == "console_scripts" and e.name == "wapiti")
sys.argv[0] = "wapiti"
sys.exit(entry.load()())
