# Sourced by .ci/run: the browser and Java the front-end tests need.
#
# Installs Debian's Chromium and ChromeDriver, a Java runtime for the Nu HTML
# Checker and poppler's pdftotext, when they are missing, then tells the tests
# where they are.
# The checkers themselves (axe-core, vnu-jar) come from the npm registry
# through `make install` (npm ci), never from a download at test time.

ita_missing_packages=()
command -v chromium >/dev/null 2>&1 || ita_missing_packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || ita_missing_packages+=(chromium-driver)
command -v java >/dev/null 2>&1 || ita_missing_packages+=(default-jre-headless)
# pdftotext reads the printed O43 back, page by page.
command -v pdftotext >/dev/null 2>&1 || ita_missing_packages+=(poppler-utils)
# shellcheck source=.ci/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"
ita_apt_install "${ita_missing_packages[@]}"
unset ita_missing_packages

ITA_CHROMIUM="$(command -v chromium)"
ITA_CHROMEDRIVER="$(command -v chromedriver)"
ITA_JAVA="$(command -v java)"
ITA_PDFTOTEXT="$(command -v pdftotext)"
export ITA_CHROMIUM ITA_CHROMEDRIVER ITA_JAVA ITA_PDFTOTEXT
# Screenshots of the O43 page land here (see tests/browser/test_screenshots.py).
export ITA_SCREENSHOT_DIR="${ITA_SCREENSHOT_DIR:-${TMPDIR:-/tmp}/ita-wagtail-screenshots}"
echo "chromium: $("$ITA_CHROMIUM" --version 2>/dev/null)"
echo "chromedriver: $("$ITA_CHROMEDRIVER" --version)"
echo "java: $("$ITA_JAVA" -version 2>&1 | head -n 1)"
