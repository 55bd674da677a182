# Sourced by .ci/run: the build and test tools the suite needs besides Python
# packages, installed from Debian when missing:
#   gettext     msgfmt/xgettext (tests/test_project.py runs makemessages and
#               compiles the Thai catalogue);
#   nodejs/npm  `make install` installs the front-end checkers (npm ci);
#   make, git   the Makefile; git lists the files the wheel must ship;
#   venv        the virtual environments of make, nox and the wheel test.
# Then finds the Python of the version matrix's CI sessions (noxfile.py):
# Python 3.13 on PATH or in pyenv ($PYENV_ROOT/versions/3.13.*), and stops
# with a clear message when there is none.

# shellcheck source=.ci/apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"

ita_missing_packages=()
command -v msgfmt >/dev/null 2>&1 || ita_missing_packages+=(gettext)
command -v node >/dev/null 2>&1 || ita_missing_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || ita_missing_packages+=(npm)
command -v make >/dev/null 2>&1 || ita_missing_packages+=(make)
command -v git >/dev/null 2>&1 || ita_missing_packages+=(git)
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || ita_missing_packages+=(python3-venv)
ita_apt_install "${ita_missing_packages[@]}"
unset ita_missing_packages

ita_find_python() {
    local version="$1" found=""
    if command -v "python$version" >/dev/null 2>&1 && "python$version" -c "" >/dev/null 2>&1; then
        found="$(command -v "python$version")"
    else
        found="$( (ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version".*/bin/"python$version" 2>/dev/null || true) | sort -V | tail -n 1)"
    fi
    if [ -z "$found" ]; then
        echo "Python $version not found (on PATH or in pyenv): the version matrix's CI sessions need it (noxfile.py CI_SESSIONS); install it, e.g. \`pyenv install $version\`" >&2
        return 1
    fi
    echo "python $version: $found ($("$found" --version 2>&1))"
}
ita_find_python 3.13
unset -f ita_find_python
echo "msgfmt: $(msgfmt --version | head -n 1)"
echo "node: $(node --version), npm: $(npm --version)"
