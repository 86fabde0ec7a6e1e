/* log.h - one line per event to stderr (and syslog), tagged with the request id. */
#ifndef VT_LOG_H
#define VT_LOG_H

#include <syslog.h>

/* Set once at start: program name, minimum level (LOG_ERR..LOG_DEBUG), syslog on/off. */
void log_setup(const char *program, int level, int use_syslog);
/* Set the request id printed with each line ("" between requests). */
void log_set_request(const char *id);
/* Log at level (LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG). */
void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_err(...) log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif
