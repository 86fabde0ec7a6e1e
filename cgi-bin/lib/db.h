/* db.h - MariaDB access: prepared statements only, cached per connection;
 * transactions retried once on deadlock or a lost connection. */
#ifndef VT_DB_H
#define VT_DB_H

#include <stddef.h>

#include "arena.h"
#include "conf.h"

struct st_mysql;
struct st_mysql_stmt;

#define DB_MAX_STMTS 160

/* One cached prepared statement, keyed by its SQL text. */
struct db_stmt {
	const char *sql;             /* the literal it was prepared from */
	struct st_mysql_stmt *stmt;  /* prepared handle */
};

/* A connection with its statement cache. One per worker process. */
struct db {
	struct st_mysql *conn;            /* NULL when not connected */
	const struct conf *conf;          /* connection settings (not owned) */
	struct db_stmt stmts[DB_MAX_STMTS]; /* prepared statements */
	size_t nstmts;                    /* used entries in stmts */
	int in_tx;                        /* inside db_tx */
	unsigned int err;                 /* last server/client error number, 0 = none */
	char errmsg[256];                 /* last error text, for the log only */
};

/* A query result: rows x cols cells, every cell a NUL-terminated string or
 * NULL for SQL NULL. All memory belongs to the arena given to db_query. */
struct db_res {
	size_t nrows;        /* rows returned */
	size_t ncols;        /* columns per row */
	const char **names;  /* column names (labels from AS) */
	char **cells;        /* nrows*ncols cells, row-major */
	size_t *lens;        /* byte lengths of cells */
};

/* Parameter types for the types string of db_exec/db_query, one char each:
 *   's' const char * (NULL binds SQL NULL)     'i' long long
 *   'b' const void *, size_t (binary blob)     'd' double                  */

/* Prepare db for use with conf (not owned). Does not connect yet. */
void db_init(struct db *db, const struct conf *conf);
/* Connect (trying each configured host in turn) if not connected. 0 or -1. */
int db_connect(struct db *db);
/* Close statements and the connection. */
void db_close(struct db *db);

/* Run a statement that returns no rows. Returns affected rows (>= 0) or -1.
 * Outside a transaction a lost connection is re-established and the
 * statement retried once. */
long long db_exec(struct db *db, const char *sql, const char *types, ...);

/* Run a query; the result lives in arena a. NULL on error (see db->err). */
struct db_res *db_query(struct db *db, struct arena *a, const char *sql,
    const char *types, ...);

/* Cell (row, col) or NULL; out-of-range gives NULL. */
const char *db_cell(const struct db_res *r, size_t row, size_t col);
/* Cell by column name, or NULL. */
const char *db_field(const struct db_res *r, size_t row, const char *name);
/* Cell (0,0) as a number, or dflt when there is no row or it is NULL. */
long long db_scalar(const struct db_res *r, long long dflt);

/* A copy of r in one malloc'd block (release it with free), for results a
 * worker keeps between requests. */
struct db_res *db_res_keep(const struct db_res *r);

/* AUTO_INCREMENT id of the last insert on this connection. */
unsigned long long db_insert_id(struct db *db);

/* Run fn(db, ctx) inside a transaction. fn returns 0 to commit, < 0 for a
 * database failure, > 0 to roll back on purpose (that value is returned).
 * On deadlock (1213), lock wait timeout (1205) or lost connection
 * (2006/2013) the whole transaction is retried once (reconnecting first).
 * Returns 0 after commit, fn's positive value, or -1. */
int db_tx(struct db *db, int (*fn)(struct db *, void *), void *ctx);

/* Run a script of several statements (schema migrations only: the text comes
 * from files shipped with the program, never from users). 0 or -1. */
int db_script(struct db *db, const char *sql);

/* A LIKE pattern that finds s anywhere ("%s%" with %, _ and \ in s escaped,
 * so they match themselves). In the arena. */
char *db_like(struct arena *a, const char *s);
/* The same for "starts with s" ("s%"). */
char *db_like_prefix(struct arena *a, const char *s);

/* 1 if the last error was a duplicate-key violation (1062). */
int db_dup_key(const struct db *db);

#endif
