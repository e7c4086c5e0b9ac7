#!/usr/bin/env bash
# Vendors the client-side libraries the pages load, so the site works offline and needs no CDN
# (as ASP.NET Core's templates ship Bootstrap under wwwroot/lib). Re-run after changing a version;
# commit what it writes. Needs npm (it only downloads the package tarball: no install scripts run).
#
#   bash wwwroot/lib/vendor.sh
#
# KaTeX: the renderer, its auto-render extension, the stylesheet, the woff2 fonts (every browser the
# site supports reads woff2, so the woff/ttf copies are left out) and the licence.
set -euo pipefail

KATEX_VERSION=0.19.1

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "katex@$KATEX_VERSION" >/dev/null && tar -xzf "katex-$KATEX_VERSION.tgz")
src="$tmp/package/dist"
dest="$here/katex"

rm -rf "$dest"
mkdir -p "$dest/contrib" "$dest/fonts"
cp "$src/katex.min.js" "$src/katex.min.css" "$dest/"
cp "$src/contrib/auto-render.min.js" "$dest/contrib/"
cp "$src"/fonts/*.woff2 "$dest/fonts/"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
# The stylesheet lists woff2, woff and ttf for each face; keep only the woff2 sources we ship.
sed -E -i 's/,url\(fonts\/[^)]+\.woff\) format\("woff"\)//g; s/,url\(fonts\/[^)]+\.ttf\) format\("truetype"\)//g' "$dest/katex.min.css"
if grep -q '\.woff)\|\.ttf)' "$dest/katex.min.css"; then echo "katex.min.css still names woff/ttf fonts" >&2; exit 1; fi
echo "$KATEX_VERSION" > "$dest/VERSION"
echo "KaTeX $KATEX_VERSION vendored into $dest"
