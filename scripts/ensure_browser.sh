#!/usr/bin/env bash
# The browser test drives Debian's Chromium (no browser download). Install it (and a Korean
# font for readable screenshots) when missing
# and we may (root with apt); otherwise the test skips visibly, or fails under REQUIRE_BROWSER=1.
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$CHROMIUM" ]] && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
  echo "installing Debian's chromium for the browser test ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1; } \
    || true
fi
# A Korean font, or the screenshots show boxes instead of Hangul.
if ! fc-list 2>/dev/null | grep -qi -e nanum -e "noto sans cjk" && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-nanum >/dev/null 2>&1 || true
fi
[[ -x "$CHROMIUM" ]] && echo "Chromium: $("$CHROMIUM" --version 2>/dev/null)" || echo "Chromium: not installed"
exit 0
