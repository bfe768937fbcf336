#!/usr/bin/env python3
"""Join po/<lang>/*.po (one file per module, so work on one module never
touches another's) with msgcat, then msgfmt into
<build>/locale/<lang>/LC_MESSAGES/<domain>.mo, the layout gettext needs, so
the binary runs translated straight from the build tree. The copy at
OUTPUT is what meson installs."""
import os
import shutil
import subprocess
import sys

msgfmt, msgcat, localedir, lang, domain, output = sys.argv[1:7]
pos = sorted(sys.argv[7:])
target = os.path.join(localedir, lang, 'LC_MESSAGES')
os.makedirs(target, exist_ok=True)
joined = output + '.po'
subprocess.run([msgcat, '--use-first', '--to-code=UTF-8', '-o', joined] + pos, check=True)
if not os.path.exists(joined):  # msgcat writes nothing when no file has messages yet
    shutil.copyfile(pos[0], joined)
mo = os.path.join(target, domain + '.mo')
subprocess.run([msgfmt, '--check', '-o', mo, joined], check=True)
shutil.copyfile(mo, output)
