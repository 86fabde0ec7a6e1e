/* db.c - MariaDB Connector/C behind prepared statements and a transaction helper. */
#include "db.h"

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

#define DB_MAX_PARAMS 256   /* the work queue binds ~230 (one filter set per index branch) */
#define DB_MAX_COLS 64
#define DB_CELL_INIT 256           /* first fetch buffer per cell */
#define DB_MAX_ROWS 100000         /* hard cap on rows one query may return */

void
db_init(struct db *db, const struct conf *conf)
{
	memset(db, 0, sizeof(*db));
	db->conf = conf;
}

/* Remember the error of the connection or of stmt. */
static void
set_err(struct db *db, MYSQL_STMT *stmt)
{
	if (stmt != NULL) {
		db->err = mysql_stmt_errno(stmt);
		snprintf(db->errmsg, sizeof(db->errmsg), "%s", mysql_stmt_error(stmt));
	} else if (db->conn != NULL) {
		db->err = mysql_errno(db->conn);
		snprintf(db->errmsg, sizeof(db->errmsg), "%s", mysql_error(db->conn));
	} else {
		db->err = CR_SERVER_GONE_ERROR;
		snprintf(db->errmsg, sizeof(db->errmsg), "not connected");
	}
}

static int
lost(unsigned int err)
{
	return err == CR_SERVER_GONE_ERROR || err == CR_SERVER_LOST ||
	    err == CR_CONNECTION_ERROR || err == CR_CONN_HOST_ERROR ||
	    err == ER_CONNECTION_KILLED;
}

void
db_close(struct db *db)
{
	size_t i;

	for (i = 0; i < db->nstmts; i++)
		mysql_stmt_close(db->stmts[i].stmt);
	db->nstmts = 0;
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
}

int
db_connect(struct db *db)
{
	const struct conf *c = db->conf;
	unsigned int timeout;
	size_t i;

	if (db->conn != NULL)
		return 0;
	for (i = 0; i < c->db_nhosts; i++) {
		MYSQL *m = mysql_init(NULL);
		int local = strcmp(c->db_hosts[i], "localhost") == 0;

		if (m == NULL)
			return -1;
		timeout = (unsigned int)c->db_connect_timeout;
		mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
		timeout = (unsigned int)c->db_read_timeout;
		mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &timeout);
		timeout = (unsigned int)c->db_write_timeout;
		mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
		mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
		mysql_options(m, MYSQL_INIT_COMMAND,
		    "SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci, time_zone = '+00:00', "
		    "sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ENGINE_SUBSTITUTION,"
		    "ERROR_FOR_DIVISION_BY_ZERO'");
		if (mysql_real_connect(m, c->db_hosts[i], c->db_user, c->db_password,
		    c->db_name, (unsigned int)c->db_port,
		    local && c->db_socket[0] ? c->db_socket : NULL, 0) != NULL) {
			db->conn = m;
			db->err = 0;
			return 0;
		}
		db->err = mysql_errno(m);
		snprintf(db->errmsg, sizeof(db->errmsg), "%s", mysql_error(m));
		log_warn("database %s: %s", c->db_hosts[i], db->errmsg);
		mysql_close(m);
	}
	return -1;
}

/* The cached statement for sql, preparing it on first use. NULL on error. */
static MYSQL_STMT *
stmt_get(struct db *db, const char *sql)
{
	MYSQL_STMT *st;
	size_t i;

	if (db->conn == NULL && db->in_tx) {
		/* Lost inside a transaction: never continue it on a new connection
		 * in autocommit mode; db_tx retries the whole transaction. */
		db->err = CR_SERVER_LOST;
		return NULL;
	}
	if (db_connect(db) < 0)
		return NULL;
	for (i = 0; i < db->nstmts; i++)
		if (db->stmts[i].sql == sql)
			return db->stmts[i].stmt;
	for (i = 0; i < db->nstmts; i++)
		if (strcmp(db->stmts[i].sql, sql) == 0)
			return db->stmts[i].stmt;
	st = mysql_stmt_init(db->conn);
	if (st == NULL) {
		set_err(db, NULL);
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		set_err(db, st);
		log_err("prepare failed (%u %s): %.200s", db->err, db->errmsg, sql);
		mysql_stmt_close(st);
		return NULL;
	}
	if (db->nstmts == DB_MAX_STMTS) {
		/* Full: drop the oldest. Statements are few; this is a safety net. */
		mysql_stmt_close(db->stmts[0].stmt);
		memmove(db->stmts, db->stmts + 1, sizeof(db->stmts[0]) * (DB_MAX_STMTS - 1));
		db->nstmts--;
	}
	db->stmts[db->nstmts].sql = sql;
	db->stmts[db->nstmts].stmt = st;
	db->nstmts++;
	return st;
}

/* Bound parameter storage for one call. */
struct params {
	MYSQL_BIND bind[DB_MAX_PARAMS];
	long long ints[DB_MAX_PARAMS];
	double dbls[DB_MAX_PARAMS];
	unsigned long lens[DB_MAX_PARAMS];
	my_bool nulls[DB_MAX_PARAMS];
	size_t n;
};

/* Fill p from types and ap. -1 on a bad types string (a programming error). */
static int
params_bind(struct params *p, const char *types, va_list ap)
{
	size_t i;

	memset(p, 0, sizeof(*p));
	for (i = 0; types[i] != '\0'; i++) {
		MYSQL_BIND *b = &p->bind[i];

		if (i == DB_MAX_PARAMS)
			return -1;
		switch (types[i]) {
		case 's': {
			const char *s = va_arg(ap, const char *);

			b->buffer_type = MYSQL_TYPE_STRING;
			if (s == NULL) {
				p->nulls[i] = 1;
				b->is_null = &p->nulls[i];
			} else {
				b->buffer = (void *)(uintptr_t)s;
				p->lens[i] = strlen(s);
				b->buffer_length = p->lens[i];
				b->length = &p->lens[i];
			}
			break;
		}
		case 'b': {
			const void *v = va_arg(ap, const void *);

			p->lens[i] = (unsigned long)va_arg(ap, size_t);
			b->buffer_type = MYSQL_TYPE_BLOB;
			b->buffer = (void *)(uintptr_t)v;
			b->buffer_length = p->lens[i];
			b->length = &p->lens[i];
			break;
		}
		case 'i':
			p->ints[i] = va_arg(ap, long long);
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &p->ints[i];
			break;
		case 'd':
			p->dbls[i] = va_arg(ap, double);
			b->buffer_type = MYSQL_TYPE_DOUBLE;
			b->buffer = &p->dbls[i];
			break;
		default:
			return -1;
		}
	}
	p->n = i;
	return 0;
}

/* Prepare (cached), bind and execute. Returns the statement or NULL. */
static MYSQL_STMT *
run(struct db *db, const char *sql, struct params *p)
{
	MYSQL_STMT *st = stmt_get(db, sql);

	if (st == NULL)
		return NULL;
	if (mysql_stmt_param_count(st) != p->n) {
		log_err("parameter count mismatch (%lu given): %.200s",
		    (unsigned long)p->n, sql);
		db->err = CR_UNKNOWN_ERROR;
		return NULL;
	}
	if ((p->n && mysql_stmt_bind_param(st, p->bind) != 0) ||
	    mysql_stmt_execute(st) != 0) {
		set_err(db, st);
		if (lost(db->err))
			db_close(db);
		return NULL;
	}
	return st;
}

/* Execute with one reconnect-and-retry outside transactions. */
static MYSQL_STMT *
run_retry(struct db *db, const char *sql, struct params *p)
{
	MYSQL_STMT *st = run(db, sql, p);

	if (st == NULL && lost(db->err) && !db->in_tx) {
		log_warn("database connection lost (%u), reconnecting", db->err);
		db_close(db);
		st = run(db, sql, p);
	}
	if (st == NULL && db->err != ER_DUP_ENTRY)
		log_err("query failed (%u %s): %.200s", db->err, db->errmsg, sql);
	return st;
}

long long
db_exec(struct db *db, const char *sql, const char *types, ...)
{
	struct params p;
	MYSQL_STMT *st;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = params_bind(&p, types, ap);
	va_end(ap);
	if (rc < 0) {
		log_err("bad parameter types \"%s\": %.200s", types, sql);
		return -1;
	}
	db->err = 0;
	st = run_retry(db, sql, &p);
	if (st == NULL)
		return -1;
	/* Drain a result set if the statement produced one. */
	if (mysql_stmt_field_count(st) > 0)
		mysql_stmt_free_result(st);
	return (long long)mysql_stmt_affected_rows(st);
}

struct db_res *
db_query(struct db *db, struct arena *a, const char *sql, const char *types, ...)
{
	struct params p;
	MYSQL_STMT *st;
	MYSQL_RES *meta;
	MYSQL_FIELD *fields;
	MYSQL_BIND rb[DB_MAX_COLS];
	unsigned long rlen[DB_MAX_COLS];
	my_bool rnull[DB_MAX_COLS], rerr[DB_MAX_COLS];
	char *rbuf[DB_MAX_COLS];
	struct db_res *r;
	size_t i, ncols, cap = 16;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = params_bind(&p, types, ap);
	va_end(ap);
	if (rc < 0) {
		log_err("bad parameter types \"%s\": %.200s", types, sql);
		return NULL;
	}
	db->err = 0;
	st = run_retry(db, sql, &p);
	if (st == NULL)
		return NULL;
	meta = mysql_stmt_result_metadata(st);
	if (meta == NULL) {
		set_err(db, st);
		return NULL;
	}
	ncols = mysql_num_fields(meta);
	if (ncols > DB_MAX_COLS) {
		mysql_free_result(meta);
		mysql_stmt_free_result(st);
		log_err("too many columns: %.200s", sql);
		return NULL;
	}
	fields = mysql_fetch_fields(meta);
	r = arena_zalloc(a, sizeof(*r));
	r->ncols = ncols;
	r->names = arena_alloc(a, sizeof(char *) * (ncols ? ncols : 1));
	memset(rb, 0, sizeof(rb));
	for (i = 0; i < ncols; i++) {
		r->names[i] = arena_strdup(a, fields[i].name);
		rbuf[i] = arena_alloc(a, DB_CELL_INIT);
		rb[i].buffer_type = MYSQL_TYPE_STRING;
		rb[i].buffer = rbuf[i];
		rb[i].buffer_length = DB_CELL_INIT;
		rb[i].length = &rlen[i];
		rb[i].is_null = &rnull[i];
		rb[i].error = &rerr[i];
	}
	mysql_free_result(meta);
	if (ncols && mysql_stmt_bind_result(st, rb) != 0) {
		set_err(db, st);
		mysql_stmt_free_result(st);
		return NULL;
	}
	r->cells = arena_alloc(a, sizeof(char *) * cap * (ncols ? ncols : 1));
	r->lens = arena_alloc(a, sizeof(size_t) * cap * (ncols ? ncols : 1));
	for (;;) {
		rc = mysql_stmt_fetch(st);
		if (rc == MYSQL_NO_DATA)
			break;
		if (rc == 1) {
			set_err(db, st);
			log_err("fetch failed (%u %s): %.200s", db->err, db->errmsg, sql);
			mysql_stmt_free_result(st);
			return NULL;
		}
		if (r->nrows == DB_MAX_ROWS)
			continue;
		if (r->nrows == cap) {
			char **cells = arena_alloc(a, sizeof(char *) * cap * 2 * ncols);
			size_t *lens = arena_alloc(a, sizeof(size_t) * cap * 2 * ncols);

			memcpy(cells, r->cells, sizeof(char *) * cap * ncols);
			memcpy(lens, r->lens, sizeof(size_t) * cap * ncols);
			r->cells = cells;
			r->lens = lens;
			cap *= 2;
		}
		for (i = 0; i < ncols; i++) {
			size_t k = r->nrows * ncols + i;

			if (rnull[i]) {
				r->cells[k] = NULL;
				r->lens[k] = 0;
			} else if (rlen[i] > DB_CELL_INIT) {
				MYSQL_BIND one;
				char *big = arena_alloc(a, rlen[i] + 1);

				memset(&one, 0, sizeof(one));
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = big;
				one.buffer_length = rlen[i];
				if (mysql_stmt_fetch_column(st, &one, (unsigned int)i, 0) != 0) {
					set_err(db, st);
					mysql_stmt_free_result(st);
					return NULL;
				}
				big[rlen[i]] = '\0';
				r->cells[k] = big;
				r->lens[k] = rlen[i];
			} else {
				r->cells[k] = arena_strndup(a, rbuf[i], rlen[i]);
				r->lens[k] = rlen[i];
			}
		}
		r->nrows++;
	}
	mysql_stmt_free_result(st);
	return r;
}

const char *
db_cell(const struct db_res *r, size_t row, size_t col)
{
	if (r == NULL || row >= r->nrows || col >= r->ncols)
		return NULL;
	return r->cells[row * r->ncols + col];
}

const char *
db_field(const struct db_res *r, size_t row, const char *name)
{
	size_t i;

	if (r == NULL)
		return NULL;
	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], name) == 0)
			return db_cell(r, row, i);
	return NULL;
}

long long
db_scalar(const struct db_res *r, long long dflt)
{
	const char *v = db_cell(r, 0, 0);

	return v != NULL ? strtoll(v, NULL, 10) : dflt;
}

unsigned long long
db_insert_id(struct db *db)
{
	return db->conn != NULL ? mysql_insert_id(db->conn) : 0;
}

int
db_dup_key(const struct db *db)
{
	return db->err == ER_DUP_ENTRY;
}

/* Send a plain control statement (BEGIN/COMMIT/ROLLBACK). */
static int
control(struct db *db, const char *sql)
{
	if (db_connect(db) < 0)
		return -1;
	if (mysql_real_query(db->conn, sql, strlen(sql)) != 0) {
		set_err(db, NULL);
		if (lost(db->err))
			db_close(db);
		return -1;
	}
	return 0;
}

static int
retryable(unsigned int err)
{
	return err == ER_LOCK_DEADLOCK || err == ER_LOCK_WAIT_TIMEOUT || lost(err);
}

int
db_tx(struct db *db, int (*fn)(struct db *, void *), void *ctx)
{
	int attempt, rc;

	for (attempt = 0; attempt < 2; attempt++) {
		db->err = 0;
		if (control(db, "START TRANSACTION") < 0) {
			if (attempt == 0 && lost(db->err))
				continue;
			log_err("begin failed (%u %s)", db->err, db->errmsg);
			return -1;
		}
		db->in_tx = 1;
		rc = fn(db, ctx);
		db->in_tx = 0;
		if (rc == 0 && control(db, "COMMIT") == 0)
			return 0;
		if (db->conn != NULL) {
			unsigned int keep = db->err;

			control(db, "ROLLBACK");
			db->err = keep;
		}
		if (rc > 0)
			return rc;
		if (attempt == 0 && retryable(db->err)) {
			log_warn("transaction retried after error %u", db->err);
			continue;
		}
		return -1;
	}
	return -1;
}

int
db_script(struct db *db, const char *sql)
{
	int rc = 0, status;

	if (db_connect(db) < 0)
		return -1;
	if (mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_ON) != 0) {
		set_err(db, NULL);
		return -1;
	}
	status = mysql_real_query(db->conn, sql, strlen(sql));
	for (;;) {
		if (status != 0) {
			set_err(db, NULL);
			rc = -1;
			break;
		}
		{
			MYSQL_RES *res = mysql_store_result(db->conn);

			if (res != NULL)
				mysql_free_result(res);
		}
		status = mysql_next_result(db->conn);
		if (status == -1) {
			status = 0;
			break;
		}
		if (status > 0)
			continue;
	}
	if (rc < 0) {
		/* Drain whatever is left so the connection stays usable. */
		while (mysql_more_results(db->conn) && mysql_next_result(db->conn) == 0) {
			MYSQL_RES *res = mysql_store_result(db->conn);

			if (res != NULL)
				mysql_free_result(res);
		}
	}
	mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	return rc;
}

/* Escape LIKE wildcards of s into a new arena string with room for lead/tail. */
static char *
like_escape(struct arena *a, const char *s, int lead)
{
	char *out = arena_alloc(a, 2 * strlen(s) + 3), *o = out;

	if (lead)
		*o++ = '%';
	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

char *
db_like(struct arena *a, const char *s)
{
	return like_escape(a, s, 1);
}

char *
db_like_prefix(struct arena *a, const char *s)
{
	return like_escape(a, s, 0);
}

struct db_res *
db_res_keep(const struct db_res *r)
{
	size_t ncells = r->nrows * r->ncols, size, i;
	struct db_res *k;
	char *p;

	size = sizeof(*k) + sizeof(char *) * (r->ncols + ncells) + sizeof(size_t) * ncells;
	for (i = 0; i < r->ncols; i++)
		size += strlen(r->names[i]) + 1;
	for (i = 0; i < ncells; i++)
		size += r->cells[i] != NULL ? r->lens[i] + 1 : 0;
	k = xmalloc(size);
	k->nrows = r->nrows;
	k->ncols = r->ncols;
	k->names = (const char **)(k + 1);
	k->cells = (char **)(k->names + r->ncols);
	k->lens = (size_t *)(k->cells + ncells);
	p = (char *)(k->lens + ncells);
	for (i = 0; i < r->ncols; i++) {
		size_t n = strlen(r->names[i]) + 1;

		memcpy(p, r->names[i], n);
		k->names[i] = p;
		p += n;
	}
	for (i = 0; i < ncells; i++) {
		k->lens[i] = r->lens[i];
		k->cells[i] = NULL;
		if (r->cells[i] != NULL) {
			memcpy(p, r->cells[i], r->lens[i]);
			p[r->lens[i]] = '\0';
			k->cells[i] = p;
			p += r->lens[i] + 1;
		}
	}
	return k;
}
