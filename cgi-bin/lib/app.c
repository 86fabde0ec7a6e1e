/* app.c - a FastCGI program's life: configuration, socket, prefork workers,
 * the accept loop, and the per-request setup and teardown. */
#include "app.h"

#include <errno.h>
#include <fcntl.h>
#include <fcgiapp.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "route.h"
#include "search.h"
#include "sess.h"
#include "text.h"

/* Signal flags: the only process-wide mutable state besides logging. */
static volatile sig_atomic_t stopping;   /* SIGTERM/SIGINT seen */
static volatile sig_atomic_t pending;    /* the program's tick has work left */
static int wake_fd = -1;                 /* worker: write end of its wake-up pipe */

/* A worker never leaves from the signal handler: it marks the stop and wakes
 * its poll through the pipe (a signal arriving just before the poll is not
 * lost), so the loop ends after the request in hand and the worker closes its
 * database connection (no "Aborted connection" on the server) and writes what
 * its tick still holds. */
static void
on_stop_worker(int sig)
{
	int saved = errno;
	ssize_t n;

	(void)sig;
	stopping = 1;
	if (wake_fd >= 0) {
		n = write(wake_fd, "x", 1);
		(void)n;
	}
	errno = saved;
}

static void
on_stop_parent(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
usage(const char *name)
{
	printf("usage: %s [--help]\n\n"
	    "Ventanilla's %s program: a FastCGI server on the unix socket\n"
	    "<fastcgi.socket_dir>/%s.sock, with fastcgi.workers worker processes.\n"
	    "Configuration: $VENTANILLA_CONF or /etc/ventanilla/ventanilla.conf.\n"
	    "Stops cleanly on SIGTERM or SIGINT.\n", name, name, name);
}

/* Serve one accepted request: fresh arena and HDF, dispatch, reset. */
static void
serve(struct app *app, FCGX_Request *fr, struct req *r)
{
	struct arena arena = r->arena;
	struct buf headers = r->headers, body = r->body;
	NEOERR *e;

	/* Memory blocks survive between requests; nothing else does. */
	memset(r, 0, sizeof(*r));
	r->arena = arena;
	r->headers = headers;
	r->body = body;
	buf_reset(&r->headers);
	buf_reset(&r->body);
	r->app = app;
	r->db = &app->db;
	r->fcgx = fr;
	sess_random_hex(r->id, 8);
	log_set_request(r->id);
	e = hdf_init(&r->hdf);
	if (e != STATUS_OK) {
		view_nerr(e, "hdf_init");
		FCGX_PutS("Status: 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\n"
		    "Internal error\n", fr->out);
	} else {
		route_serve(r);
		hdf_destroy(&r->hdf);
	}
	if (app->db.in_tx)
		log_err("request ended inside a transaction");
	arena_reset(&r->arena);
	log_set_request("");
}

/* A worker: parse templates, then accept and serve until told to stop.
 * Waits for requests in poll() on the listening socket (non-blocking, shared
 * with the other workers) and on its wake-up pipe, so SIGTERM/SIGINT end the
 * wait at once; a request being served is finished first. */
static int
worker(struct app *app, int sock)
{
	FCGX_Request fr;
	struct req r;
	char err[512];
	struct sigaction sa;
	int wake[2], failed = 0;

	if (pipe2(wake, O_NONBLOCK | O_CLOEXEC) != 0) {
		log_err("pipe failed");
		return 1;
	}
	wake_fd = wake[1];
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_worker;
	/* Reads and writes of a request in hand go on through the signal. */
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (view_init(&app->view, app->conf.templates_dir, err, sizeof(err)) < 0 ||
	    view_preload(&app->view, app->name, err, sizeof(err)) < 0) {
		log_err("%s", err);
		return 1;
	}
	db_init(&app->db, &app->conf);
	if (db_connect(&app->db) < 0)
		log_warn("database not reachable yet; will retry per request");
	memset(&r, 0, sizeof(r));
	arena_init(&r.arena, 64 * 1024);
	r.headers.max = 64 * 1024;
	r.body.max = 32 << 20;
	if (FCGX_InitRequest(&fr, sock, 0) != 0) {
		log_err("FCGX_InitRequest failed");
		failed = 1;
	}
	while (!stopping && !failed) {
		struct pollfd p[2] = {
			{ .fd = sock, .events = POLLIN },
			{ .fd = wake[0], .events = POLLIN },
		};
		int rc;

		/* Work pending between requests: wait for the next one a while only. */
		rc = poll(p, 2, pending ? APP_TICK_MS : -1);
		if (stopping)
			break;
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			log_err("poll failed");
			failed = 1;
			break;
		}
		if (rc == 0) {
			pending = app->tick(app, 1);
			continue;
		}
		if (p[0].revents & (POLLERR | POLLNVAL)) {
			log_err("the listening socket failed");
			failed = 1;
			break;
		}
		if (!(p[0].revents & POLLIN))
			continue;
		rc = FCGX_Accept_r(&fr);
		if (rc < 0) {
			if (stopping)
				break;
			/* Another worker took the connection first. */
			if (rc == -EAGAIN || rc == -EWOULDBLOCK || rc == -EINTR)
				continue;
			log_err("accept failed (%d)", rc);
			failed = 1;
			break;
		}
		serve(app, &fr, &r);
		/* When the whole request was read, close without libfcgi's lingering
		 * close (shutdown, then wait for the peer to hang up): on a unix socket
		 * every byte written is delivered anyway, and the wait costs a poll
		 * round trip per request. A body left unread (an early 413) keeps the
		 * lingering close, so the web server can finish sending and still
		 * read the answer. */
		fr.detached = r.drained;
		FCGX_Finish_r(&fr);
		app->served++;
		if (app->tick != NULL)
			pending = app->tick(app, 0);
		if (app->conf.max_requests && app->served >= app->conf.max_requests)
			break;
	}
	if (app->tick != NULL)
		app->tick(app, 1);
	FCGX_Free(&fr, 1);
	arena_free(&r.arena);
	buf_free(&r.headers);
	buf_free(&r.body);
	db_close(&app->db);
	view_free(&app->view);
	search_cache_free(app->search);
	if (app->local != NULL && app->local_free != NULL)
		app->local_free(app->local);
	text_cleanup();
	wake_fd = -1;
	close(wake[0]);
	close(wake[1]);
	return failed;
}

/* Open the unix socket for the program, replacing a stale one. */
static int
open_socket(const struct app *app)
{
	char path[512];
	int sock;
	mode_t old;

	snprintf(path, sizeof(path), "%s/%s.sock", app->conf.socket_dir, app->name);
	unlink(path);
	old = umask(0177);
	sock = FCGX_OpenSocket(path, 128);
	umask(old);
	if (sock < 0) {
		log_err("cannot listen on %s", path);
		return -1;
	}
	if (chmod(path, (mode_t)app->conf.socket_mode) != 0)
		log_warn("chmod %s failed", path);
	/* Workers poll before they accept; whoever loses the race for a
	 * connection must get EAGAIN, not sleep in accept() unwakeable. */
	if (fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) | O_NONBLOCK) != 0)
		log_warn("cannot make %s non-blocking", path);
	log_info("listening on %s with %d workers", path, app->conf.workers);
	return sock;
}

static pid_t
spawn(struct app *app, int sock)
{
	pid_t pid = fork();

	if (pid == 0) {
		int rc = worker(app, sock);

		conf_free(&app->conf);
		_exit(rc);
	}
	if (pid < 0)
		log_err("fork failed");
	return pid;
}

int
app_run(const char *name, const struct route *routes, size_t nroutes, int argc,
    char **argv)
{
	struct app app;
	char err[512], path[512];
	pid_t *kids;
	int sock, i, nkids;
	struct sigaction sa;
	time_t last_spawn_fail = 0;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(name);
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "%s: unknown argument %s (try --help)\n", name, argv[1]);
		return 2;
	}
	memset(&app, 0, sizeof(app));
	app.name = name;
	app.routes = routes;
	app.nroutes = nroutes;
	if (conf_load(&app.conf, conf_path(), err, sizeof(err)) < 0) {
		fprintf(stderr, "%s: %s\n", name, err);
		return 1;
	}
	log_setup(name, app.conf.log_level, app.conf.log_syslog);
	if (sodium_init() < 0) {
		log_err("libsodium failed to start");
		conf_free(&app.conf);
		return 1;
	}
	app.limits = parse_default_limits;
	app.limits.max_fields = app.conf.max_fields;
	app.limits.max_value = app.conf.max_value;
	app.limits.max_files = app.conf.max_files;
	app.limits.max_file = app.conf.max_file;
	crypto_hash_sha256(app.hmac_key, (const unsigned char *)app.conf.secret,
	    strlen(app.conf.secret));
	nerr_init();
	if (FCGX_Init() != 0) {
		log_err("FCGX_Init failed");
		conf_free(&app.conf);
		return 1;
	}
	sock = open_socket(&app);
	if (sock < 0) {
		conf_free(&app.conf);
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_parent;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	nkids = app.conf.workers;
	kids = xcalloc((size_t)nkids, sizeof(pid_t));
	for (i = 0; i < nkids; i++)
		kids[i] = spawn(&app, sock);
	while (!stopping) {
		int status;
		pid_t pid = wait(&status);

		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < nkids; i++) {
			if (kids[i] != pid)
				continue;
			if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0)) {
				log_warn("worker %ld ended (status %d); starting another",
				    (long)pid, status);
				/* A worker that dies at once must not make us spin. */
				if (time(NULL) - last_spawn_fail < 1)
					sleep(1);
				last_spawn_fail = time(NULL);
			}
			kids[i] = stopping ? 0 : spawn(&app, sock);
		}
	}
	for (i = 0; i < nkids; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGTERM);
	for (i = 0; i < nkids; i++)
		if (kids[i] > 0)
			waitpid(kids[i], NULL, 0);
	close(sock);
	snprintf(path, sizeof(path), "%s/%s.sock", app.conf.socket_dir, app.name);
	unlink(path);
	free(kids);
	conf_free(&app.conf);
	log_info("stopped");
	return 0;
}
