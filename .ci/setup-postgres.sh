# PostgreSQL for the second pass of `make test` (sourced by .ci/run).
#
# Installs Debian's `postgresql` if it is missing, makes sure a cluster listens
# on 127.0.0.1:5432 only, starts it, creates a role that may create databases
# (pytest-django creates and drops `test_<name>`) and its database, then exports
#   ITA_POSTGRES_URL     the database the Makefile's PostgreSQL pass uses;
#   ITA_EXPECT_POSTGRES  1: the suite must have run on PostgreSQL (tests check).
# Idempotent: once installed and running, it only checks and returns in ~1 s.
# The role's password only guards a loopback-only CI database.

ita_setup_postgres() {
    local role="${ITA_POSTGRES_ROLE:-ita}"
    local password="${ITA_POSTGRES_PASSWORD:-ita}"
    local database="${ITA_POSTGRES_DB:-ita}"
    local host="127.0.0.1" port="5432"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"

    if ! command -v pg_lsclusters >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        # shellcheck source=.ci/apt.sh
        source "$(dirname "${BASH_SOURCE[0]}")/apt.sh"
        ita_apt_install postgresql
    fi

    local version cluster
    read -r version cluster _ < <(pg_lsclusters --no-header | head -n 1) || true
    if [ -z "${version:-}" ]; then
        version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
        cluster="main"
        echo "creating PostgreSQL cluster $version/$cluster"
        $sudo pg_createcluster --port "$port" "$version" "$cluster" >/dev/null
    fi

    # Loopback only, on the port the tests use; a restart applies a change.
    local conf="/etc/postgresql/$version/$cluster/conf.d/ita-ci.conf"
    local wanted
    wanted="$(printf "listen_addresses = '%s'\nport = %s\n" "$host" "$port")"
    local restart=""
    if [ "$($sudo cat "$conf" 2>/dev/null)" != "$wanted" ]; then
        printf '%s\n' "$wanted" | $sudo tee "$conf" >/dev/null
        restart=1
    fi

    local status
    status="$(pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $4}')"
    if [ "$status" != "online" ]; then
        echo "starting PostgreSQL $version/$cluster"
        $sudo pg_ctlcluster "$version" "$cluster" start
    elif [ -n "$restart" ]; then
        echo "restarting PostgreSQL $version/$cluster for $conf"
        $sudo pg_ctlcluster "$version" "$cluster" restart
    fi

    local tries=0
    until pg_isready -q -h "$host" -p "$port"; do
        tries=$((tries + 1))
        if [ "$tries" -ge 30 ]; then
            echo "PostgreSQL did not accept connections on $host:$port" >&2
            return 1
        fi
        sleep 1
    done

    local as_postgres=(runuser -u postgres --)
    [ -z "$sudo" ] || as_postgres=(sudo -u postgres)
    local psql=("${as_postgres[@]}" psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres)
    if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != "1" ]; then
        "${psql[@]}" -c "CREATE ROLE \"$role\" LOGIN CREATEDB PASSWORD '$password'"
    fi
    if [ "$("${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
        "${psql[@]}" -c "CREATE DATABASE \"$database\" OWNER \"$role\""
    fi

    export ITA_POSTGRES_URL="postgres://$role:$password@$host:$port/$database"
    export ITA_EXPECT_POSTGRES=1
    echo "PostgreSQL $version ready: ${ITA_POSTGRES_URL/:$password@/:***@}"
}

ita_setup_postgres
unset -f ita_setup_postgres
