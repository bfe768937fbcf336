#!/usr/bin/env python3
"""The Chinese translation is complete: every string marked with _() or N_()
in tui/, db/ and forms/ has a non-empty, non-fuzzy msgstr in po/zh_CN/*.po,
and printf-style placeholders match. Prints TAP."""
import glob
import os
import re
import subprocess
import sys
import tempfile

src, xgettext, msgcat = sys.argv[1:4]
sources = sorted(glob.glob(os.path.join(src, d, '*.c')) for d in ('tui', 'db', 'forms'))
sources = [s for group in sources for s in group]
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'jiuzhu.pot')
    subprocess.run([xgettext, '--from-code=UTF-8', '-k_', '-kN_', '-C', '--omit-header',
                    '-o', pot] + sources, check=True)
    joined = os.path.join(tmp, 'zh_CN.po')
    pos = sorted(glob.glob(os.path.join(src, 'po', 'zh_CN', '*.po')))
    subprocess.run([msgcat, '--use-first', '-o', joined] + pos, check=True)

    def entries(path):
        if not os.path.exists(path):
            return {}
        out, cur, field, fuzzy = {}, {}, None, False
        for line in open(path, encoding='utf-8').read().splitlines() + ['']:
            if line.startswith('#,') and 'fuzzy' in line:
                fuzzy = True
            m = re.match(r'^(msgid|msgstr|msgctxt|msgid_plural|msgstr\[\d+\]) "(.*)"$', line)
            if m:
                field = m.group(1)
                cur[field] = cur.get(field, '') + m.group(2)
            elif line.startswith('"') and field:
                cur[field] += line[1:-1]
            elif not line.strip():
                if 'msgid' in cur and cur['msgid']:
                    out[cur['msgid']] = (cur.get('msgstr', cur.get('msgstr[0]', '')), fuzzy)
                cur, field, fuzzy = {}, None, False
        return out

    wanted = entries(pot)
    have = entries(joined)
    # One msgid, one meaning: the module files are joined with --use-first,
    # so a second, different translation would be dropped silently.
    per_file = {p: entries(p) for p in pos}

n = 0
failed = 0
# %2$s: a translation may reorder the arguments (gettext's positional form)
spec = re.compile(r'%(?:([0-9]+)\$)?([-+ #0]*[0-9*]*(?:\.[0-9*]+)?(?:hh|h|ll|l|z|j|t)?[diouxXcsfeEgGp%])')


def conversions(s):
    """The conversions in argument order (positional ones by their number)."""
    found = [(int(pos) if pos else i + 1, body) for i, (pos, body) in enumerate(spec.findall(s))]
    return [body for _, body in sorted(found)]


for msgid in sorted(wanted):
    n += 1
    got = have.get(msgid)
    short = msgid[:60].replace('\\n', ' ')
    if not got or not got[0]:
        print(f'not ok {n} - zh_CN translates "{short}"')
        failed += 1
    elif got[1]:
        print(f'not ok {n} - zh_CN translation of "{short}" is fuzzy')
        failed += 1
    elif conversions(msgid) != conversions(got[0]):
        print(f'not ok {n} - zh_CN placeholders of "{short}" match')
        failed += 1
    else:
        print(f'ok {n} - zh_CN translates "{short}"')
translations = {}
for path, ents in per_file.items():
    for msgid, (msgstr, _fuzzy) in ents.items():
        if msgstr:
            translations.setdefault(msgid, {}).setdefault(msgstr, []).append(os.path.basename(path))
for msgid in sorted(translations):
    if msgid not in wanted:
        continue
    n += 1
    short = msgid[:60].replace('\\n', ' ')
    if len(translations[msgid]) > 1:
        where = '; '.join(f'{v} in {", ".join(f)}' for v, f in translations[msgid].items())
        print(f'not ok {n} - "{short}" has one translation (now: {where})')
        failed += 1
    else:
        print(f'ok {n} - "{short}" has one translation')
print(f'1..{n}')
sys.exit(1 if failed else 0)
