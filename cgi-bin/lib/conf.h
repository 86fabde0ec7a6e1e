/* conf.h - the configuration file, read once into a typed struct. */
#ifndef VT_CONF_H
#define VT_CONF_H

#include <stddef.h>

#define CONF_MAX_HOSTS 8
#define CONF_MAX_PROXIES 16

/* Every setting, with the defaults of conf_defaults(). Strings are owned by the
 * struct (freed by conf_free). See conf/ventanilla.conf.example for meanings. */
struct conf {
	char *path;               /* file this was read from */
	char *site_name;          /* organisation name */
	char *base_url;           /* public base URL, no trailing slash */
	char *default_language;   /* "en" or "es" */
	char *contact;            /* footer contact line */
	char *templates_dir;      /* templates root */
	char *schema_dir;         /* migrations directory */
	char *socket_dir;         /* FastCGI sockets live here */
	int socket_mode;          /* chmod of socket files */
	int workers;              /* worker processes per program */
	long max_requests;        /* requests before a worker restarts; 0 = never */
	char *db_hosts[CONF_MAX_HOSTS]; /* database hosts in order of preference */
	size_t db_nhosts;         /* entries in db_hosts */
	int db_port;              /* TCP port */
	char *db_socket;          /* unix socket for "localhost"; "" = default */
	char *db_name;            /* database name */
	char *db_user;            /* database user */
	char *db_password;        /* database password (never put into HDF) */
	int db_connect_timeout;   /* seconds */
	int db_read_timeout;      /* seconds */
	int db_write_timeout;     /* seconds */
	char *secret;             /* HMAC key material (never put into HDF) */
	char *trusted_proxies[CONF_MAX_PROXIES]; /* addresses allowed to set X-Forwarded-For */
	size_t ntrusted_proxies;  /* entries in trusted_proxies */
	int trust_remote_user;    /* believe REMOTE_USER */
	int remote_user_autocreate; /* create accounts on first SSO login */
	int session_idle_minutes; /* idle timeout */
	int session_max_hours;    /* absolute timeout */
	int secure_cookies;       /* 0 never, 1 always, 2 auto */
	int login_max_failures_account; /* per account within window */
	int login_max_failures_address; /* per client address within window */
	int login_window_minutes; /* throttling window */
	int password_min_length;  /* minimum new password length */
	int reset_link_minutes;   /* reset link lifetime */
	size_t max_body;          /* largest request body */
	size_t max_fields;        /* fields per form */
	size_t max_value;         /* bytes per text field */
	size_t max_files;         /* files per form */
	size_t max_file;          /* bytes per file */
	char *mail_from;          /* From: of outgoing mail */
	char *smtp_url;           /* smtp:// or smtps:// */
	char *smtp_user;          /* SMTP auth user, "" = none */
	char *smtp_password;      /* SMTP auth password */
	int smtp_starttls;        /* require STARTTLS */
	int mail_poll_seconds;    /* worker poll interval */
	char *mail_support;       /* address piped into `ventanilla mail-in`; "" = that of mail_from */
	size_t mail_in_max;       /* largest incoming message accepted, bytes */
	char *mail_category;      /* slug of the topic of tickets opened by mail; "" = the first */
	int mail_in_log_days;     /* days incoming mail stays in mail_in_log; 0 = for ever */
	int ticket_autoclose_days; /* resolved tickets close after this many days */
	int log_syslog;           /* also log to syslog */
	int log_level;            /* LOG_ERR..LOG_DEBUG (syslog levels) */
};

/* Path of the configuration file: $VENTANILLA_CONF or the default. */
const char *conf_path(void);

/* Read the file at path into *c (defaults first, then the file's values).
 * Returns 0, or -1 with a human message in err (errlen bytes) naming the key
 * or line at fault. On failure *c holds nothing to free. */
int conf_load(struct conf *c, const char *path, char *err, size_t errlen);

/* Free every string in *c. */
void conf_free(struct conf *c);

#endif
