/* log.c - logging to stderr and optionally syslog, with the current request id.
 * The only process-wide state is the program name, level and the id of the
 * request being served; it is reset at the end of every request. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct {
	char program[32];  /* program name for each line */
	int level;         /* lines above this level are dropped */
	int use_syslog;    /* also send to syslog */
	char request[40];  /* current request id or "" */
} logstate = { "ventanilla", LOG_INFO, 0, "" };

void
log_setup(const char *program, int level, int use_syslog)
{
	snprintf(logstate.program, sizeof(logstate.program), "%s", program);
	logstate.level = level;
	logstate.use_syslog = use_syslog;
	if (use_syslog)
		openlog(logstate.program, LOG_PID, LOG_DAEMON);
}

void
log_set_request(const char *id)
{
	snprintf(logstate.request, sizeof(logstate.request), "%s", id ? id : "");
}

void
log_msg(int level, const char *fmt, ...)
{
	static const char *const names[] = { "emerg", "alert", "crit", "error",
		"warn", "notice", "info", "debug" };
	char msg[2048], stamp[32];
	va_list ap;
	time_t now;
	struct tm tm;
	size_t i;

	if (level > logstate.level)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* One event, one line: no forged lines from user-supplied text. */
	for (i = 0; msg[i] != '\0'; i++)
		if ((unsigned char)msg[i] < 0x20)
			msg[i] = ' ';
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s[%ld] %s%s%s: %s\n", stamp, logstate.program,
	    (long)getpid(), names[level & 7],
	    logstate.request[0] ? " req=" : "", logstate.request, msg);
	if (logstate.use_syslog)
		syslog(level, "%s%s%s", logstate.request[0] ? logstate.request : "",
		    logstate.request[0] ? ": " : "", msg);
}
