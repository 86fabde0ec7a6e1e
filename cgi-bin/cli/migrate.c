/* migrate.c - `ventanilla migrate`: apply schema/NNN_*.sql in order, once each. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kb.h"

#define MIGRATE_MAX_FILES 1000
#define MIGRATE_MAX_SIZE (4 << 20)

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}


/* 1 if name looks like "001_something.sql". */
static int
migration_name(const char *name)
{
	size_t n = strlen(name);

	return n > 8 && strspn(name, "0123456789") == 3 && name[3] == '_' &&
	    strcmp(name + n - 4, ".sql") == 0;
}

int
cmd_migrate(struct cli *c, int argc, char **argv)
{
	char *files[MIGRATE_MAX_FILES];
	size_t n = 0, i;
	struct dirent *de;
	DIR *d;
	int rc = 0, applied = 0;

	(void)argv;
	if (c == NULL || argc > 1) {
		printf("usage: ventanilla migrate\n\nApplies every schema file (paths.schema/NNN_*.sql)"
		    " not yet recorded in the\nschema_migrations table, in order. Safe to run again.\n");
		return c == NULL ? 0 : 2;
	}
	if (db_connect(&c->db) < 0)
		return cli_fail("cannot connect to the database: %s", c->db.errmsg);
	if (db_script(&c->db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    " version VARCHAR(255) NOT NULL PRIMARY KEY,"
	    " applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP) ENGINE=InnoDB") < 0)
		return cli_fail("cannot create schema_migrations: %s", c->db.errmsg);
	{
		struct db_res *lock = db_query(&c->db, &c->arena,
		    "SELECT GET_LOCK('ventanilla_migrate', 60)", "");

		if (db_scalar(lock, 0) != 1)
			return cli_fail("another migration is running");
	}
	d = opendir(c->conf.schema_dir);
	if (d == NULL)
		return cli_fail("cannot read the schema directory %s", c->conf.schema_dir);
	while ((de = readdir(d)) != NULL && n < MIGRATE_MAX_FILES)
		if (migration_name(de->d_name))
			files[n++] = xstrdup(de->d_name);
	closedir(d);
	qsort(files, n, sizeof(files[0]), by_name);
	for (i = 0; i < n && rc == 0; i++) {
		struct db_res *done = db_query(&c->db, &c->arena,
		    "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", "s", files[i]);
		char path[4096];
		char *sql;

		if (done == NULL) {
			rc = cli_fail("cannot read schema_migrations");
			break;
		}
		if (db_scalar(done, 0) > 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", c->conf.schema_dir, files[i]);
		sql = cli_slurp(path, MIGRATE_MAX_SIZE);
		if (sql == NULL) {
			rc = cli_fail("cannot read %s", path);
			break;
		}
		if (db_script(&c->db, sql) < 0) {
			rc = cli_fail("%s failed: %s", files[i], c->db.errmsg);
		} else if (db_exec(&c->db, "INSERT INTO schema_migrations (version) VALUES (?)",
		    "s", files[i]) < 0) {
			rc = cli_fail("cannot record %s", files[i]);
		} else {
			printf("applied %s\n", files[i]);
			applied++;
		}
		free(sql);
		arena_reset(&c->arena);
	}
	for (i = 0; i < n; i++)
		free(files[i]);
	if (rc == 0) {
		/* Data a migration cannot compute in SQL: the search index. */
		long indexed = kb_postings_build(&c->db, &c->arena);

		if (indexed < 0)
			rc = cli_fail("cannot build the knowledge search index: %s", c->db.errmsg);
		else if (indexed > 0)
			printf("indexed %ld published articles for search\n", indexed);
	}
	db_query(&c->db, &c->arena, "SELECT RELEASE_LOCK('ventanilla_migrate')", "");
	if (rc == 0 && applied == 0)
		printf("database is up to date\n");
	return rc;
}
