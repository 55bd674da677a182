# Sourced by the .ci/setup-*.sh scripts: install Debian packages, running
# `apt-get update` once per CI run (the first time something is missing).

ita_apt_install() {
    [ "$#" -gt 0 ] || return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing: $*"
    if [ -z "${ITA_APT_UPDATED:-}" ]; then
        $sudo apt-get update -qq
        ITA_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
