#!/usr/bin/env bash
# stack.sh - start and stop a complete private Ventanilla stack (MariaDB, the five
# FastCGI programs, nginx or Apache) with every piece of state inside one directory.
#
# Usage:
#   stack.sh deps [test]            Install missing Debian packages with apt-get (sudo
#                                   when not root). Build + runtime packages; with
#                                   "test" also apache2, wrk, clang, chromium, nodejs,
#                                   npm, valgrind. Silent when everything is present.
#   stack.sh start STATE PORT [apache]
#                                   Create STATE, initialise/start MariaDB, write
#                                   STATE/ventanilla.conf, run `ventanilla migrate`,
#                                   start portal, knowledge, catalog, tickets, admin
#                                   and nginx (default) or Apache on 127.0.0.1:PORT.
#                                   Components already running from STATE: MariaDB is
#                                   reused, programs and web server are restarted.
#                                   On failure everything in STATE is stopped again.
#   stack.sh stop STATE             Stop web server, programs (and a worker started
#                                   with pid file STATE/run/worker.pid), then MariaDB.
#                                   Only processes named in STATE's pid files are
#                                   signalled. Idempotent.
#   stack.sh status STATE           Show what runs. Exit 0 when everything runs, 3
#                                   when nothing does, 1 when only a part does.
#   stack.sh sql STATE [ARGS...]    The mariadb client as DB root (unix_socket auth)
#                                   on STATE's server, e.g. `stack.sh sql var ventanilla`.
#
# Layout of STATE:
#   db/ (MariaDB data)  db.password  secret  ventanilla.conf  nginx.conf | apache.conf
#   run/ (sockets: mariadb.sock, <program>.sock; pid files; port; webserver; sso-port)
#   log/ (mariadb.log, <program>.log, migrate.log, nginx-*.log | apache-*.log)
#   tmp/ (MariaDB and nginx temporary files)
#
# Environment:
#   VT_BIN          directory with the programs and `ventanilla` (default <repo>/build/bin)
#   VT_SMTP_URL     mail.smtp_url written to the config (default smtp://127.0.0.1:2525)
#   VT_WORKERS      fastcgi.workers (default 2)
#   VT_LOG_LEVEL    log.level (default info)
#   VT_APACHE_USER  user Apache's children run as when started by root (default www-data)
#   VT_TRUST_REMOTE_USER, VT_REMOTE_USER_AUTOCREATE
#                   security.trust_remote_user / remote_user_autocreate (1 = true;
#                   default false). On the main port the web server never sets
#                   REMOTE_USER, whatever the client sends.
#   VT_SSO_PORT     TEST ONLY: the web server also listens on 127.0.0.1:VT_SSO_PORT,
#                   where it asks for HTTP basic credentials, checks them against
#                   STATE/sso.htpasswd (written by the caller; {SHA} entries work
#                   in nginx and Apache) and passes the user as REMOTE_USER - a
#                   stand-in for a single sign-on module. Never for real use.
#
# Sourcing this file (`. scripts/stack.sh`) defines the functions without running
# anything, and turns on `set -euo pipefail` in the caller. Helpers for other scripts:
#   free_port                 print a free TCP port on 127.0.0.1
#   vt_env STATE              export VENTANILLA_CONF, VT_STATE, VT_DB_SOCKET (and
#                             VT_URL when a web server was started)
#   vt_start / vt_stop / vt_status STATE ...   the subcommands above
#   vt_sql STATE [ARGS...]    the mariadb client as DB root
#   vt_spawn PIDFILE LOG CMD...   start CMD detached in its own session, pid to PIDFILE
#
# Runs as root (CI) or as a normal user. Never touches the system's MariaDB, nginx or
# Apache services or their configuration; the web server binaries are only run with
# configuration files generated inside STATE.

set -euo pipefail

VT_PROGRAMS=(portal knowledge catalog tickets admin)
# mariadbd, nginx and apache2 live in /usr/sbin, which a normal user's PATH may lack.
case ":$PATH:" in
*:/usr/sbin:*) ;;
*) PATH=$PATH:/usr/sbin:/sbin ;;
esac
VT_REPO=${VT_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
VT_BIN=${VT_BIN:-$VT_REPO/build/bin}

vt_die() {
	echo "stack.sh: error: $*" >&2
	exit 1
}

vt_say() {
	echo "stack.sh: $*" >&2
}

# Last lines of a log file, indented, on stderr.
vt_tail() {
	if [[ -s $1 ]]; then
		echo "---- last lines of $1 ----" >&2
		tail -n "${2:-25}" "$1" | sed 's/^/  /' >&2
		echo "----" >&2
	fi
}

# Absolute, normalised form of a path that may not exist yet.
vt_abs() {
	realpath -m -- "$1"
}

# Sleep a tenth of a second (fractional sleep is GNU coreutils, present on Debian).
vt_nap() {
	sleep 0.1
}

# ---------------------------------------------------------------- packages

VT_DEPS_BUILD=(build-essential pkg-config libfcgi-dev libmariadb-dev clearsilver-dev
	libconfig-dev libsodium-dev libjansson-dev libcurl4-openssl-dev libcmark-dev
	libstemmer-dev libcmocka-dev)
VT_DEPS_RUN=(mariadb-server mariadb-client nginx-light curl)
VT_DEPS_TEST=(apache2 wrk clang chromium nodejs npm valgrind)

vt_deps() {
	local pkgs=("${VT_DEPS_BUILD[@]}" "${VT_DEPS_RUN[@]}") missing=() p status
	local -a sudo=()

	case ${1:-} in
	'') ;;
	test) pkgs+=("${VT_DEPS_TEST[@]}") ;;
	*) vt_die "deps: unknown argument '$1' (only 'test')" ;;
	esac
	command -v dpkg-query >/dev/null 2>&1 || vt_die "deps: dpkg-query not found (Debian needed)"
	for p in "${pkgs[@]}"; do
		# A command from another source counts too (e.g. Node.js with its own
		# npm from another repository: installing Debian's npm would conflict).
		case $p in
		nodejs) command -v node >/dev/null 2>&1 && continue ;;
		npm) command -v npm >/dev/null 2>&1 && continue ;;
		nginx-light) { command -v nginx || [[ -x /usr/sbin/nginx ]]; } >/dev/null 2>&1 && continue ;;
		esac
		status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		[[ $status == "install ok installed" ]] || missing+=("$p")
	done
	((${#missing[@]} > 0)) || return 0
	if ((EUID != 0)); then
		command -v sudo >/dev/null 2>&1 ||
			vt_die "deps: missing packages (${missing[*]}) and no sudo; install them as root"
		sudo=(sudo)
	fi
	vt_say "installing missing packages: ${missing[*]}"
	"${sudo[@]}" apt-get update -q
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# ---------------------------------------------------------------- processes

# Is pid alive (and not a zombie)?
vt_alive() {
	local stat
	[[ -r /proc/$1/stat ]] || return 1
	read -r stat 2>/dev/null </proc/"$1"/stat || return 1
	stat=${stat##*) }
	[[ ${stat%% *} != Z ]]
}

# Print the pid recorded in FILE when that process is alive and runs the program
# NAME: its argv[0] is NAME or ends in /NAME, or it is "NAME:" as in nginx's
# "nginx: master process". Guards against stale pid files and recycled pids.
vt_pid_of() {
	local file=$1 name=$2 pid cmd
	[[ -r $file ]] || return 1
	read -r pid 2>/dev/null <"$file" || true
	pid=${pid//[!0-9]/}
	[[ -n $pid ]] && vt_alive "$pid" || return 1
	cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
	cmd=${cmd%% *}
	cmd=${cmd##*/}
	[[ $cmd == "$name" || $cmd == "$name:" ]] || return 1
	echo "$pid"
}

# Process group id of pid.
vt_pgid() {
	local stat
	read -r stat 2>/dev/null </proc/"$1"/stat || return 1
	stat=${stat##*) }
	# Fields after the command name: state ppid pgrp ... (no spaces inside them).
	# shellcheck disable=SC2086
	set -- $stat
	echo "$3"
}

# Does any live process belong to process group $1?
vt_group_alive() {
	local pgid=$1 d stat
	for d in /proc/[0-9]*; do
		read -r stat 2>/dev/null <"$d/stat" || continue
		stat=${stat##*) }
		# shellcheck disable=SC2086
		set -- $stat
		[[ $3 == "$pgid" && $1 != Z ]] && return 0
	done
	return 1
}

# vt_spawn PIDFILE LOG CMD... : start CMD in a new session (so a Ctrl-C at the
# terminal does not reach it; its workers share its process group), stdin from
# /dev/null, stdout+stderr appended to LOG, its pid written to PIDFILE.
vt_spawn() {
	local pidfile=$1 log=$2 i pid=
	shift 2
	rm -f "$pidfile"
	# shellcheck disable=SC2016 # $$ and "$@" are for the inner sh
	setsid sh -c 'echo $$ >"$0.tmp" && mv -f "$0.tmp" "$0" && exec "$@"' "$pidfile" "$@" \
		</dev/null >>"$log" 2>&1 &
	for ((i = 0; i < 50; i++)); do
		if [[ -s $pidfile ]]; then
			read -r pid <"$pidfile" || true
			[[ -n $pid ]] && return 0
		fi
		vt_nap
	done
	vt_die "could not start $1 ($*)"
}

# vt_stop_pid PIDFILE NAME SECONDS [group] : SIGTERM the process (or its whole process
# group when "group" is given and it leads one), wait up to SECONDS, then SIGKILL.
vt_stop_pid() {
	local file=$1 name=$2 secs=$3 group=${4:-} pid target i
	if ! pid=$(vt_pid_of "$file" "$name"); then
		rm -f "$file"
		return 0
	fi
	target=$pid
	if [[ $group == group && $(vt_pgid "$pid") == "$pid" ]]; then
		target=-$pid
	fi
	kill -TERM -- "$target" 2>/dev/null || true
	for ((i = 0; i < secs * 10; i++)); do
		if [[ $target == -* ]]; then
			vt_group_alive "$pid" || break
		else
			vt_alive "$pid" || break
		fi
		vt_nap
	done
	if { [[ $target == -* ]] && vt_group_alive "$pid"; } || vt_alive "$pid"; then
		vt_say "$name (pid $pid) did not stop within ${secs}s; killing it"
		kill -KILL -- "$target" 2>/dev/null || true
		for ((i = 0; i < 50; i++)); do
			vt_alive "$pid" || break
			vt_nap
		done
	fi
	rm -f "$file"
}

# ---------------------------------------------------------------- small helpers

# Random string of N characters [A-Za-z0-9].
vt_random() {
	local n=$1 s=""
	while ((${#s} < n)); do
		s+=$(head -c 512 /dev/urandom | tr -dc 'A-Za-z0-9')
	done
	printf '%s\n' "${s:0:n}"
}

# Contents of FILE; created with N random characters (mode 0600) when missing.
vt_keep_secret() {
	local file=$1 n=$2 v=""
	if [[ -s $file ]]; then
		read -r v <"$file" || true
	fi
	if ((${#v} < n)); then
		v=$(vt_random "$n")
		(umask 077 && printf '%s\n' "$v" >"$file.tmp") && mv -f "$file.tmp" "$file"
	fi
	printf '%s\n' "$v"
}

# A value as a libconfig string literal.
vt_cstr() {
	local s=$1
	s=${s//\\/\\\\}
	s=${s//\"/\\\"}
	printf '"%s"' "$s"
}

# A setting from the environment as a libconfig boolean: 1/true/yes/on are true,
# anything else (empty included) is false.
vt_bool() {
	case ${1,,} in
	1 | true | yes | on) echo true ;;
	*) echo false ;;
	esac
}

# Is something accepting TCP connections on 127.0.0.1:PORT?
vt_port_busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port: print a TCP port that nothing uses on this host. Candidates are drawn
# below the kernel's ephemeral range (so outgoing connections do not take it) and
# checked against the kernel's socket table (ss) and by a connect attempt.
free_port() {
	local lo=32768 hi=60999 base=20000 span=12000 p i
	if [[ -r /proc/sys/net/ipv4/ip_local_port_range ]]; then
		read -r lo hi </proc/sys/net/ipv4/ip_local_port_range || true
	fi
	if ((lo > 12000)); then
		base=10000
		span=$((lo - 10000))
	else
		base=$((hi < 64000 ? hi + 1 : 20000))
		span=$((65535 - base))
		((span > 100)) || { base=20000 span=40000; }
	fi
	for ((i = 0; i < 500; i++)); do
		p=$((base + (RANDOM * 32768 + RANDOM) % span))
		if command -v ss >/dev/null 2>&1; then
			[[ -z $(ss -Htan "( sport = :$p )" 2>/dev/null) ]] || continue
		fi
		vt_port_busy "$p" && continue
		echo "$p"
		return 0
	done
	vt_die "free_port: no free port found"
}

# Export the environment a test or tool needs to talk to STATE's stack.
vt_env() {
	local state port
	[[ -n ${1:-} ]] || vt_die "vt_env: STATE missing"
	state=$(vt_abs "$1")
	export VENTANILLA_CONF="$state/ventanilla.conf"
	export VT_STATE="$state"
	export VT_DB_SOCKET="$state/run/mariadb.sock"
	if [[ -s $state/run/port ]]; then
		read -r port <"$state/run/port" || true
		export VT_URL="http://127.0.0.1:$port"
	fi
}

# The mariadb client, as the DB root account of the current unix user.
vt_sql() {
	local state
	state=$(vt_abs "$1")
	shift
	mariadb --no-defaults --socket="$state/run/mariadb.sock" --user="$(id -un)" "$@"
}

# ---------------------------------------------------------------- MariaDB

vt_db_start() {
	local state=$1 run=$1/run log=$1/log/mariadb.log pid i pw
	local sock=$1/run/mariadb.sock pidfile=$1/run/mariadb.pid
	local -a opts=(
		--character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
		--innodb-buffer-pool-size=64M --innodb-log-file-size=32M
		--innodb-use-native-aio=0 --innodb-flush-log-at-trx-commit=2
		--max-allowed-packet=32M --skip-name-resolve
	)
	local -a user=()
	((EUID == 0)) && user=(--user="$(id -un)")

	command -v mariadbd >/dev/null 2>&1 ||
		vt_die "mariadbd not found: run 'scripts/stack.sh deps' (package mariadb-server)"

	if pid=$(vt_pid_of "$pidfile" mariadbd); then
		vt_say "MariaDB already running (pid $pid)"
	else
		if [[ ! -d $state/db/mysql ]]; then
			mkdir -p "$state/db"
			if ! mariadb-install-db --no-defaults --datadir="$state/db" \
				--user="$(id -un)" --auth-root-authentication-method=socket \
				--skip-test-db "${opts[@]}" >"$state/log/mariadb-install.log" 2>&1; then
				vt_tail "$state/log/mariadb-install.log"
				vt_die "mariadb-install-db failed (log: $state/log/mariadb-install.log)"
			fi
		fi
		rm -f "$sock" "$sock.lock"
		: >>"$log"
		vt_spawn "$pidfile" "$log" mariadbd --no-defaults --datadir="$state/db" \
			--socket="$sock" --pid-file="$pidfile" --log-error="$log" \
			--tmpdir="$state/tmp" --skip-networking "${user[@]}" "${opts[@]}"
		read -r pid <"$pidfile"
		for ((i = 0; ; i++)); do
			if ! vt_alive "$pid"; then
				vt_tail "$log"
				vt_die "MariaDB exited during start-up (log: $log)"
			fi
			if [[ -S $sock ]] && mariadb-admin --no-defaults --socket="$sock" \
				--connect-timeout=2 ping >/dev/null 2>&1; then
				break
			fi
			if ((i >= 600)); then
				vt_tail "$log"
				vt_die "MariaDB did not answer within 60s (log: $log)"
			fi
			vt_nap
		done
	fi

	pw=$(vt_keep_secret "$state/db.password" 32)
	vt_sql "$state" <<-SQL || vt_die "could not create database/user ventanilla"
		CREATE DATABASE IF NOT EXISTS ventanilla
		  CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS 'ventanilla'@'localhost' IDENTIFIED BY '$pw';
		ALTER USER 'ventanilla'@'localhost' IDENTIFIED BY '$pw';
		GRANT ALL PRIVILEGES ON ventanilla.* TO 'ventanilla'@'localhost';
	SQL
	[[ -d $run ]] || vt_die "MariaDB: $run vanished"
}

# ---------------------------------------------------------------- configuration

vt_write_conf() {
	local state=$1 port=$2 pw secret conf=$1/ventanilla.conf
	pw=$(vt_keep_secret "$state/db.password" 32)
	secret=$(vt_keep_secret "$state/secret" 48)
	(
		umask 077
		cat >"$conf.tmp" <<-EOF
			# Generated by scripts/stack.sh for the private stack in $state.
			# Rewritten on every start; keys are documented in conf/ventanilla.conf.example.
			site = {
			  name = "Ventanilla";
			  base_url = $(vt_cstr "http://127.0.0.1:$port");
			  default_language = "en";
			};
			paths = {
			  templates = $(vt_cstr "$VT_REPO/templates");
			  schema = $(vt_cstr "$VT_REPO/schema");
			};
			fastcgi = {
			  socket_dir = $(vt_cstr "$state/run");
			  # 0666 octal: libconfig 1.5 reads 0666 as decimal, so it is written in hex.
			  socket_mode = 0x1B6;
			  workers = ${VT_WORKERS:-2};
			  max_requests = 0;
			};
			database = {
			  hosts = [ "localhost" ];
			  socket = $(vt_cstr "$state/run/mariadb.sock");
			  name = "ventanilla";
			  user = "ventanilla";
			  password = $(vt_cstr "$pw");
			  connect_timeout = 5;
			  read_timeout = 30;
			  write_timeout = 30;
			};
			security = {
			  secret = $(vt_cstr "$secret");
			  trust_remote_user = $(vt_bool "${VT_TRUST_REMOTE_USER:-}");
			  remote_user_autocreate = $(vt_bool "${VT_REMOTE_USER_AUTOCREATE:-}");
			};
			mail = {
			  from = "Ventanilla <help@example.org>";
			  smtp_url = $(vt_cstr "${VT_SMTP_URL:-smtp://127.0.0.1:2525}");
			  poll_seconds = 1;
			};
			log = {
			  level = $(vt_cstr "${VT_LOG_LEVEL:-info}");
			};
		EOF
	)
	mv -f "$conf.tmp" "$conf"
}

# ---------------------------------------------------------------- programs

vt_programs_stop() {
	local state=$1 p
	vt_stop_pid "$state/run/worker.pid" ventanilla 10 group
	for p in "${VT_PROGRAMS[@]}"; do
		vt_stop_pid "$state/run/$p.pid" "$p" 10 group
		rm -f "$state/run/$p.sock"
	done
}

vt_programs_start() {
	local state=$1 p pid i
	for p in "${VT_PROGRAMS[@]}"; do
		[[ -x $VT_BIN/$p ]] || vt_die "$VT_BIN/$p not found: build first (make)"
	done
	vt_programs_stop "$state"
	for p in "${VT_PROGRAMS[@]}"; do
		rm -f "$state/run/$p.sock"
		VENTANILLA_CONF="$state/ventanilla.conf" \
			vt_spawn "$state/run/$p.pid" "$state/log/$p.log" "$VT_BIN/$p"
	done
	for p in "${VT_PROGRAMS[@]}"; do
		read -r pid <"$state/run/$p.pid"
		for ((i = 0; ; i++)); do
			[[ -S $state/run/$p.sock ]] && break
			if ! vt_alive "$pid"; then
				vt_tail "$state/log/$p.log"
				vt_die "$p exited during start-up (log: $state/log/$p.log)"
			fi
			if ((i >= 150)); then
				vt_tail "$state/log/$p.log"
				vt_die "$p did not create $state/run/$p.sock within 15s"
			fi
			vt_nap
		done
	done
}

# ---------------------------------------------------------------- web servers

# Which request prefixes go to which program. A prefix ending in "/" matches
# everything below it; one without matches itself and everything below "<it>/".
# Everything else goes to portal.
VT_ROUTES=(
	"/kb knowledge" "/community knowledge" "/api/v1/kb/ knowledge"
	"/api/v1/community/ knowledge"
	"/catalog catalog" "/api/v1/catalog/ catalog"
	"/tickets tickets" "/api/v1/tickets tickets"
	"/admin admin" "/api/v1/admin/ admin"
)

# The security headers of every answer. The programs send them with each of
# their answers (http_send in cgi-bin/lib/http.c); the web server adds each one
# to the answers that lack it - its own error pages (400, 404, 405, 413, 414,
# 502, 504 ...) and static files - so every answer has them and none has them
# twice. Keep in step with http.c and the files in conf/.
VT_SEC_HEADERS=(
	"Content-Security-Policy|default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
	"X-Content-Type-Options|nosniff"
	"X-Frame-Options|DENY"
	"Referrer-Policy|same-origin"
	"Permissions-Policy|camera=(), microphone=(), geolocation=()"
	"Cross-Origin-Opener-Policy|same-origin"
)

# A header name as nginx spells it in variables: X-Frame-Options -> x_frame_options.
vt_hvar() {
	local v=${1,,}
	echo "${v//-/_}"
}

# A test-only location that leads to no program (the socket never exists), so
# the tests can see the web server's own "bad gateway" answer.
VT_NO_PROGRAM=/.vt-test/no-program

# vt_nginx_server STATE PORT SSO : one server block. With SSO=sso it is the
# test-only sign-on server of VT_SSO_PORT (see the usage at the top).
vt_nginx_server() {
	local state=$1 port=$2 sso=${3:-} run=$1/run htdocs=$VT_REPO/htdocs r h prefix prog
	local params=/etc/nginx/fastcgi_params
	cat <<-EOF

		    server {
		        listen 127.0.0.1:$port;
		        server_name localhost;
		        root $htdocs;
	EOF
	if [[ $sso == sso ]]; then
		cat <<-EOF
			        # TEST ONLY (VT_SSO_PORT): stands in for a single sign-on module. nginx
			        # checks basic credentials against sso.htpasswd and passes the user it
			        # verified as REMOTE_USER.
			        auth_basic "Ventanilla test sign-on";
			        auth_basic_user_file $state/sso.htpasswd;
		EOF
	fi
	echo "        # Security headers, added where the answer has none (VT_SEC_HEADERS)."
	for h in "${VT_SEC_HEADERS[@]}"; do
		printf '        add_header %s $vt_%s always;\n' "${h%%|*}" "$(vt_hvar "${h%%|*}")"
	done
	echo
	echo "        # FastCGI parameters for every location below (they inherit them)."
	if [[ -r $params ]]; then
		echo "        include $params;"
	fi
	for r in REQUEST_URI:request_uri QUERY_STRING:query_string \
		REQUEST_METHOD:request_method CONTENT_TYPE:content_type \
		CONTENT_LENGTH:content_length REMOTE_ADDR:remote_addr \
		SERVER_NAME:server_name SERVER_PORT:server_port \
		SERVER_PROTOCOL:server_protocol REQUEST_SCHEME:scheme; do
		if [[ ! -r $params ]] || ! grep -q "^[[:space:]]*fastcgi_param[[:space:]]\+${r%%:*}[[:space:]]" "$params"; then
			echo "        fastcgi_param ${r%%:*} \$${r#*:};"
		fi
	done
	if [[ ! -r $params ]] || ! grep -q "^[[:space:]]*fastcgi_param[[:space:]]\+HTTPS[[:space:]]" "$params"; then
		echo "        fastcgi_param HTTPS \$https if_not_empty;"
	fi
	if [[ $sso == sso ]]; then
		echo "        fastcgi_param REMOTE_USER \$remote_user;"
	else
		cat <<-EOF
			        # fastcgi_params passes \$remote_user: the name in any "Authorization: Basic"
			        # header, checked by nobody. Nobody is signed in by the web server here.
			        # (Given twice, the programs take the last value.)
			        fastcgi_param REMOTE_USER "";
		EOF
	fi
	cat <<-EOF
		        # httpoxy: never hand a client's "Proxy:" header to the programs.
		        fastcgi_param HTTP_PROXY "";

		        location /static/ {
		            alias $htdocs/;
		            expires 7d;
		            log_not_found off;
		            gzip on;
		            gzip_types text/css application/javascript image/svg+xml application/json;
		        }

		        # TEST ONLY: a path whose program never answers (a 502 from nginx).
		        location = $VT_NO_PROGRAM { fastcgi_pass unix:$run/no-program.sock; }

		        location / {
		            fastcgi_pass unix:$run/portal.sock;
		        }
	EOF
	for r in "${VT_ROUTES[@]}"; do
		prefix=${r% *}
		prog=${r#* }
		if [[ $prefix == */ ]]; then
			printf '        location %s { fastcgi_pass unix:%s/%s.sock; }\n' "$prefix" "$run" "$prog"
		else
			printf '        location = %s { fastcgi_pass unix:%s/%s.sock; }\n' "$prefix" "$run" "$prog"
			printf '        location %s/ { fastcgi_pass unix:%s/%s.sock; }\n' "$prefix" "$run" "$prog"
		fi
	done
	echo "    }"
}

vt_nginx_conf() {
	local state=$1 port=$2 run=$1/run d h
	local mime=/etc/nginx/mime.types
	local nginx_v
	nginx_v=$(nginx -V 2>&1 || true)
	for d in body fastcgi proxy uwsgi scgi; do mkdir -p "$state/tmp/nginx/$d"; done
	{
		echo "# Generated by scripts/stack.sh for the private stack in $state."
		((EUID == 0)) && echo "user root;"
		cat <<-EOF
			daemon on;
			worker_processes auto;
			pid $run/nginx.pid;
			error_log $state/log/nginx-error.log warn;

			events {
			    worker_connections 1024;
			}

			http {
		EOF
		if [[ -r $mime ]]; then
			echo "    include $mime;"
		else
			echo "    types { text/html html; text/css css; application/javascript js; image/svg+xml svg; image/png png; }"
		fi
		cat <<-EOF
			    default_type application/octet-stream;
			    access_log $state/log/nginx-access.log;
			    server_tokens off;
			    sendfile on;
			    tcp_nopush on;
			    keepalive_timeout 65;
			    client_max_body_size 12m;
			    client_body_temp_path $state/tmp/nginx/body;
			    fastcgi_temp_path $state/tmp/nginx/fastcgi;
			    proxy_temp_path $state/tmp/nginx/proxy;
		EOF
		[[ $nginx_v == *without-http_uwsgi_module* ]] ||
			echo "    uwsgi_temp_path $state/tmp/nginx/uwsgi;"
		[[ $nginx_v == *without-http_scgi_module* ]] ||
			echo "    scgi_temp_path $state/tmp/nginx/scgi;"
		echo
		echo "    # Each security header's value where the program sent none (add_header"
		echo "    # leaves out a header whose value is empty)."
		for h in "${VT_SEC_HEADERS[@]}"; do
			printf '    map $upstream_http_%s $vt_%s { "" "%s"; default ""; }\n' \
				"$(vt_hvar "${h%%|*}")" "$(vt_hvar "${h%%|*}")" "${h#*|}"
		done
		vt_nginx_server "$state" "$port"
		if [[ -n ${VT_SSO_PORT:-} ]]; then
			vt_nginx_server "$state" "$VT_SSO_PORT" sso
		fi
		echo "}"
	} >"$state/nginx.conf"
}

vt_apache_conf() {
	local state=$1 port=$2 run=$1/run htdocs=$VT_REPO/htdocs r prefix prog m h
	local moddir=/usr/lib/apache2/modules apache_user=${VT_APACHE_USER:-www-data}
	mkdir -p "$run/apache"
	{
		cat <<-EOF
			# Generated by scripts/stack.sh for the private stack in $state.
			ServerRoot "/etc/apache2"
			ServerName 127.0.0.1
			Listen 127.0.0.1:$port
		EOF
		[[ -z ${VT_SSO_PORT:-} ]] || echo "Listen 127.0.0.1:$VT_SSO_PORT"
		cat <<-EOF
			PidFile "$run/apache.pid"
			DefaultRuntimeDir "$run/apache"
			Mutex "file:$run/apache" default
			ErrorLog "$state/log/apache-error.log"
			LogLevel warn

		EOF
		for m in mpm_event authz_core mime dir alias proxy proxy_fcgi headers env \
			setenvif unixd log_config auth_basic authn_core authn_file authz_user; do
			# Some (unixd, log_config...) may be compiled in.
			printf '<IfModule !%s_module>\n    LoadModule %s_module %s/mod_%s.so\n</IfModule>\n' \
				"$m" "$m" "$moddir" "$m"
		done
		if ((EUID == 0)); then
			printf '\nUser %s\nGroup %s\n' "$apache_user" "$(id -gn "$apache_user")"
		fi
		cat <<-EOF

			ServerTokens Prod
			ServerSignature Off
			TraceEnable Off
			Timeout 60
			KeepAlive On
			# LimitRequestBody is not applied to proxied requests (mod_proxy skips
			# it), so a declared Content-Length above 12 MB is refused here too.
			LimitRequestBody 12582912
			<If "%{HTTP:Content-Length} -gt 12582912">
			    Redirect 413
			</If>
			# Let %2F in paths through (nginx does); REQUEST_URI stays as sent anyway.
			AllowEncodedSlashes NoDecode

			# Security headers (VT_SEC_HEADERS), on every answer including Apache's
			# own errors; "setifempty" keeps the programs' own and adds none twice.
		EOF
		for h in "${VT_SEC_HEADERS[@]}"; do
			printf 'Header always setifempty %s "%s"\n' "${h%%|*}" "${h#*|}"
		done
		if [[ -r /etc/mime.types ]]; then
			echo 'TypesConfig /etc/mime.types'
		else
			echo 'TypesConfig /dev/null'
		fi
		cat <<-EOF
			AddType text/css .css
			AddType text/javascript .js
			AddType image/svg+xml .svg
			AddDefaultCharset Off
			LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"" combined
			CustomLog "$state/log/apache-access.log" combined

			DocumentRoot "$htdocs"
			<Directory />
			    Options None
			    AllowOverride None
			    Require all denied
			</Directory>
			<Directory "$htdocs">
			    Options None
			    AllowOverride None
			    Require all granted
			    Header set Cache-Control "public, max-age=604800"
			</Directory>
			Alias "/static/" "$htdocs/"

			# The programs read REQUEST_URI (Apache passes the request line's target
			# unchanged), QUERY_STRING, HTTP_* and REMOTE_USER (set only by Apache's
			# own authentication, never from a request header). GENERIC: no PHP-FPM
			# specific rewriting of SCRIPT_FILENAME/PATH_INFO.
			ProxyRequests Off
			ProxyFCGIBackendType GENERIC
			<Location "/">
			    # Hand "Authorization: Bearer ..." to the API as HTTP_AUTHORIZATION.
			    CGIPassAuth On
			</Location>
			# First match wins: static files, then the program prefixes, portal last.
			ProxyPass "/static/" "!"
			# TEST ONLY: a path whose program never answers (a 503 from Apache).
			ProxyPass "$VT_NO_PROGRAM" "unix:$run/no-program.sock|fcgi://no-program/" retry=0
		EOF
		for r in "${VT_ROUTES[@]}"; do
			prefix=${r% *}
			prog=${r#* }
			# Prefixes without "/" match themselves and "<prefix>/..." only (mod_proxy
			# compares whole path segments), so /catalog and /catalog/x both match.
			printf 'ProxyPass "%s" "unix:%s/%s.sock|fcgi://%s%s"\n' \
				"$prefix" "$run" "$prog" "$prog" "$prefix"
		done
		printf 'ProxyPass "/" "unix:%s/portal.sock|fcgi://portal/"\n' "$run"
		if [[ -n ${VT_SSO_PORT:-} ]]; then
			cat <<-EOF

				# TEST ONLY (VT_SSO_PORT): stands in for a single sign-on module. Apache
				# checks basic credentials against sso.htpasswd and sets REMOTE_USER to
				# the user it verified; the rest is the main server's configuration.
				<VirtualHost 127.0.0.1:$VT_SSO_PORT>
				    <Location "/">
				        AuthType Basic
				        AuthName "Ventanilla test sign-on"
				        AuthBasicProvider file
				        AuthUserFile "$state/sso.htpasswd"
				        Require valid-user
				    </Location>
				</VirtualHost>
			EOF
		fi
	} >"$state/apache.conf"
}

vt_web_stop() {
	local state=$1
	vt_stop_pid "$state/run/nginx.pid" nginx 15
	vt_stop_pid "$state/run/apache.pid" apache2 15
	rm -f "$state/run/port" "$state/run/webserver" "$state/run/sso-port"
}

# Check that Apache's children (another user when we are root) can reach the sockets.
vt_apache_access_check() {
	local state=$1 u=${VT_APACHE_USER:-www-data} p
	((EUID == 0)) || return 0
	getent passwd "$u" >/dev/null || vt_die "user $u does not exist (set VT_APACHE_USER)"
	for p in "${VT_PROGRAMS[@]}"; do
		if ! runuser -u "$u" -- test -w "$state/run/$p.sock"; then
			vt_die "Apache runs as $u, who cannot reach $state/run/$p.sock: every directory" \
				"above $state must be searchable by others (o+x); or pick a STATE under /tmp"
		fi
	done
	runuser -u "$u" -- test -r "$VT_REPO/htdocs" ||
		vt_say "warning: $u cannot read $VT_REPO/htdocs; /static/ will answer 403"
}

vt_web_start() {
	local state=$1 port=$2 server=$3 pidfile out code i pid log
	vt_web_stop "$state"
	vt_port_busy "$port" && vt_die "port $port on 127.0.0.1 is already in use"
	if [[ -n ${VT_SSO_PORT:-} ]]; then
		[[ $VT_SSO_PORT =~ ^[0-9]+$ && $VT_SSO_PORT != "$port" ]] ||
			vt_die "bad VT_SSO_PORT '$VT_SSO_PORT'"
		vt_port_busy "$VT_SSO_PORT" && vt_die "port $VT_SSO_PORT on 127.0.0.1 is already in use"
		[[ -e $state/sso.htpasswd ]] || : >"$state/sso.htpasswd"
	fi
	case $server in
	nginx)
		command -v nginx >/dev/null 2>&1 ||
			vt_die "nginx not found: run 'scripts/stack.sh deps' (package nginx-light)"
		vt_nginx_conf "$state" "$port"
		pidfile=$state/run/nginx.pid
		log=$state/log/nginx-error.log
		local -a cmd=(nginx -p "$state/" -e "$log" -c "$state/nginx.conf")
		;;
	apache)
		command -v apache2 >/dev/null 2>&1 ||
			vt_die "apache2 not found: run 'scripts/stack.sh deps test' (package apache2)"
		vt_apache_access_check "$state"
		vt_apache_conf "$state" "$port"
		pidfile=$state/run/apache.pid
		log=$state/log/apache-error.log
		local -a cmd=(apache2 -f "$state/apache.conf")
		;;
	*) vt_die "unknown web server '$server' (nginx or apache)" ;;
	esac
	if ! out=$("${cmd[@]}" -t 2>&1); then
		echo "$out" >&2
		vt_die "$server rejected the generated configuration"
	fi
	[[ $server == apache ]] && cmd+=(-k start)
	rm -f "$pidfile"
	if ! out=$("${cmd[@]}" 2>&1 </dev/null); then
		echo "$out" >&2
		vt_tail "$log"
		vt_die "$server did not start"
	fi
	[[ -z $out ]] || echo "$out" >&2
	echo "$port" >"$state/run/port"
	echo "$server" >"$state/run/webserver"
	if [[ -n ${VT_SSO_PORT:-} ]]; then
		echo "$VT_SSO_PORT" >"$state/run/sso-port"
	fi
	for ((i = 0; ; i++)); do
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
			"http://127.0.0.1:$port/static/.probe" 2>/dev/null || true)
		[[ -n $code && $code != 000 ]] && break
		if ((i >= 150)); then
			vt_tail "$log"
			vt_die "$server does not answer on http://127.0.0.1:$port/ after 15s"
		fi
		if ((i > 20)) && [[ -e $pidfile ]] && read -r pid <"$pidfile" &&
			! vt_alive "$pid"; then
			vt_tail "$log"
			vt_die "$server exited during start-up (log: $log)"
		fi
		vt_nap
	done
}

# ---------------------------------------------------------------- subcommands

vt_start() {
	local state port server=${3:-nginx} len
	[[ $# -ge 2 ]] || vt_die "usage: stack.sh start STATE PORT [apache]"
	state=$(vt_abs "$1")
	port=$2
	if ! [[ $port =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
		vt_die "bad port '$port'"
	fi
	[[ $server == apache || $server == nginx ]] || vt_die "unknown web server '$server'"
	len=${#state}
	# fastcgi.socket_dir is limited to 80 bytes (a unix socket path is at most 107).
	((len + 4 <= 80)) || vt_die "STATE path too long for unix sockets (max 76 characters): $state"
	command -v curl >/dev/null 2>&1 || vt_die "curl not found: run 'scripts/stack.sh deps'"
	local p
	for p in ventanilla "${VT_PROGRAMS[@]}"; do
		[[ -x $VT_BIN/$p ]] || vt_die "$VT_BIN/$p not found: build first (make)"
	done

	# Fail before starting anything when another process holds the port (our own
	# web server from an earlier start of this STATE is restarted instead).
	if vt_port_busy "$port"; then
		local ours=""
		[[ -s $state/run/port ]] && read -r ours <"$state/run/port"
		if [[ $ours != "$port" ]] || ! { vt_pid_of "$state/run/nginx.pid" nginx ||
			vt_pid_of "$state/run/apache.pid" apache2; } >/dev/null; then
			vt_die "port $port on 127.0.0.1 is already in use"
		fi
	fi

	umask 022
	mkdir -p "$state"
	chmod 0755 "$state"
	mkdir -p "$state/run" "$state/log" "$state/tmp"
	chmod 0755 "$state/run" "$state/log"
	chmod 0700 "$state/tmp"
	[[ -f $state/.gitignore ]] || echo '*' >"$state/.gitignore"

	vt_db_start "$state"
	vt_write_conf "$state" "$port"

	if ! VENTANILLA_CONF="$state/ventanilla.conf" "$VT_BIN/ventanilla" migrate \
		>>"$state/log/migrate.log" 2>&1 </dev/null; then
		vt_tail "$state/log/migrate.log"
		vt_die "ventanilla migrate failed (log: $state/log/migrate.log)"
	fi

	vt_programs_start "$state"
	vt_web_start "$state" "$port" "$server"
	vt_say "stack in $state is up: http://127.0.0.1:$port/ ($server)"
}

vt_stop() {
	local state
	[[ $# -ge 1 ]] || vt_die "usage: stack.sh stop STATE"
	state=$(vt_abs "$1")
	[[ -d $state/run ]] || return 0
	vt_web_stop "$state"
	vt_programs_stop "$state"
	vt_stop_pid "$state/run/mariadb.pid" mariadbd 60
	rm -f "$state/run/mariadb.sock"
}

vt_status() {
	local state p pid up=0 down=0 port='?' server=nginx exe pidname
	[[ $# -ge 1 ]] || vt_die "usage: stack.sh status STATE"
	state=$(vt_abs "$1")
	if [[ -s $state/run/port ]]; then read -r port <"$state/run/port" || true; fi
	if [[ -s $state/run/webserver ]]; then read -r server <"$state/run/webserver" || true; fi
	echo "stack in $state"
	for p in mariadb "${VT_PROGRAMS[@]}" "$server"; do
		case $p in
		mariadb) exe=mariadbd pidname=mariadb ;;
		apache) exe=apache2 pidname=apache ;;
		*) exe=$p pidname=$p ;;
		esac
		if pid=$(vt_pid_of "$state/run/$pidname.pid" "$exe"); then
			up=$((up + 1))
			if [[ $p == "$server" ]]; then
				printf '  %-10s running (pid %s) http://127.0.0.1:%s/\n' "$p" "$pid" "$port"
			else
				printf '  %-10s running (pid %s)\n' "$p" "$pid"
			fi
		else
			down=$((down + 1))
			printf '  %-10s stopped\n' "$p"
		fi
	done
	if pid=$(vt_pid_of "$state/run/worker.pid" ventanilla); then
		printf '  %-10s running (pid %s)\n' worker "$pid"
	fi
	((down == 0)) && return 0
	((up == 0)) && return 3
	return 1
}

vt_main() {
	local sub=${1:-}
	shift || true
	case $sub in
	deps) vt_deps "$@" ;;
	start)
		# Leave nothing half-started behind when start-up fails.
		VT_START_STATE=${1:-}
		trap 'rc=$?; if ((rc != 0)) && [[ -n $VT_START_STATE ]]; then vt_stop "$VT_START_STATE" || true; fi' EXIT
		vt_start "$@"
		trap - EXIT
		;;
	stop) vt_stop "$@" ;;
	status) vt_status "$@" ;;
	sql)
		[[ $# -ge 1 ]] || vt_die "usage: stack.sh sql STATE [mariadb arguments]"
		vt_sql "$@"
		;;
	free-port) free_port ;;
	'' | -h | --help | help)
		sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
		;;
	*) vt_die "unknown command '$sub' (deps, start, stop, status, sql)" ;;
	esac
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	vt_main "$@"
fi
