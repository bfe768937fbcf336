#!/usr/bin/env bash
# Shared set-up for ./run.sh and ./test.sh: install what is missing from
# Debian's packages, make the Chinese locales, configure and build.
# Usage: tools/setup.sh BUILDDIR [meson options...]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${1:-build}
shift || true

packages=(gcc pkg-config meson ninja-build python3 libncurses-dev libpq-dev
          libvterm-dev postgresql gettext locales valgrind tmux)

sudo_=()
if [ "$(id -u)" -ne 0 ]; then
	sudo_=(sudo)
fi

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "jiuzhu: installing ${missing[*]}" >&2
	"${sudo_[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
	"${sudo_[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >&2
fi

# The Chinese locales the terminal tests (and real front desks) use.
need_locales=()
locale -a 2>/dev/null | grep -qix 'zh_CN.utf8' || need_locales+=("zh_CN.UTF-8 UTF-8")
locale -a 2>/dev/null | grep -qix 'zh_CN.gb18030' || need_locales+=("zh_CN.GB18030 GB18030")
if [ ${#need_locales[@]} -gt 0 ]; then
	for l in "${need_locales[@]}"; do
		grep -qx "$l" /etc/locale.gen 2>/dev/null ||
			echo "$l" | "${sudo_[@]}" tee -a /etc/locale.gen >/dev/null
	done
	"${sudo_[@]}" locale-gen >&2
fi

cd "$top"
if [ ! -f "$builddir/build.ninja" ]; then
	meson setup "$builddir" "$@" >&2
fi
ninja -C "$builddir" >&2
