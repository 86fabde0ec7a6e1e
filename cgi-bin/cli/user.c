/* user.c - `ventanilla user`: manage accounts from the shell. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "cli.h"
#include "sess.h"

static const char usage_text[] =
    "usage: ventanilla user add EMAIL NAME [ROLES]   create an account; ROLES is a\n"
    "                                                comma list of requester, agent,\n"
    "                                                editor, approver, admin\n"
    "       ventanilla user passwd EMAIL             set the password (read from stdin)\n"
    "       ventanilla user role EMAIL ROLES         replace the roles\n"
    "       ventanilla user disable EMAIL            block sign-in and end sessions\n"
    "       ventanilla user enable EMAIL             allow sign-in again\n"
    "\n`add` reads the password from standard input when it is not a terminal;\n"
    "otherwise it makes up a random one and prints it.\n";

/* Validate a roles list; returns a normalised SET string (static) or NULL. */
static const char *
roles_arg(const char *s)
{
	static char out[128];
	static const char *const names[] = { "requester", "agent", "editor", "approver",
		"admin" };
	unsigned bits = sess_roles(s);
	const char *p = s;
	size_t i;

	/* Every word must be a known role. */
	while (*p != '\0') {
		size_t n = strcspn(p, ","), k;
		int known = 0;

		for (k = 0; k < 5; k++)
			if (strlen(names[k]) == n && strncmp(p, names[k], n) == 0)
				known = 1;
		if (!known)
			return NULL;
		p += n;
		if (*p == ',')
			p++;
	}
	out[0] = '\0';
	for (i = 0; i < 5; i++) {
		if (bits & (1u << i)) {
			if (out[0] != '\0')
				strcat(out, ",");
			strcat(out, names[i]);
		}
	}
	return out;
}

/* Read one line (the password) from stdin; NULL on EOF or when too long. */
static char *
read_password(char *buf, size_t len)
{
	size_t n;

	if (fgets(buf, (int)len, stdin) == NULL)
		return NULL;
	n = strcspn(buf, "\r\n");
	if (buf[n] == '\0' && n == len - 1)
		return NULL;
	buf[n] = '\0';
	return buf;
}

static int
set_password(struct cli *c, const char *email, const char *pw)
{
	char hash[AUTH_HASH_MAX];

	if (strlen(pw) < (size_t)c->conf.password_min_length)
		return cli_fail("the password needs at least %d characters",
		    c->conf.password_min_length);
	if (strlen(pw) > AUTH_PASSWORD_MAX)
		return cli_fail("the password is too long");
	if (auth_hash(pw, hash) != 0)
		return cli_fail("out of memory while hashing");
	if (db_exec(&c->db, "UPDATE users SET password_hash = ? WHERE email = ?", "ss",
	    hash, email) != 1)
		return cli_fail("no account %s", email);
	db_exec(&c->db, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)",
	    "s", email);
	audit_db(&c->db, 0, "password.set_cli", email, "", "cli");
	return 0;
}

int
cmd_user(struct cli *c, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";
	char pw[AUTH_PASSWORD_MAX + 2];
	long long n;

	if (c == NULL) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(verb, "add") == 0 && (argc == 4 || argc == 5)) {
		const char *roles = roles_arg(argc == 5 ? argv[4] : "requester");

		if (roles == NULL)
			return cli_fail("unknown role in \"%s\"", argv[4]);
		if (strchr(argv[2], '@') == NULL || strlen(argv[2]) > 254)
			return cli_fail("\"%s\" is not an e-mail address", argv[2]);
		if (strlen(argv[3]) == 0 || strlen(argv[3]) > 120 ||
		    !utf8_valid(argv[3], strlen(argv[3])))
			return cli_fail("the name must be 1 to 120 characters of UTF-8");
		if (db_exec(&c->db, "INSERT INTO users (email, name, roles) VALUES (?, ?, ?)",
		    "sss", argv[2], argv[3], roles) < 0)
			return cli_fail(db_dup_key(&c->db) ? "%s already has an account" :
			    "cannot create %s (is the database reachable?)", argv[2]);
		audit_db(&c->db, 0, "user.create", argv[2], roles, "cli");
		if (isatty(0)) {
			sess_random_hex(pw, 8);
			printf("created %s with password %s\n", argv[2], pw);
		} else if (read_password(pw, sizeof(pw)) == NULL) {
			return cli_fail("no password on standard input");
		} else {
			printf("created %s\n", argv[2]);
		}
		return set_password(c, argv[2], pw);
	}
	if (strcmp(verb, "passwd") == 0 && argc == 3) {
		if (read_password(pw, sizeof(pw)) == NULL)
			return cli_fail("no password on standard input");
		if (set_password(c, argv[2], pw) != 0)
			return 1;
		printf("password changed for %s\n", argv[2]);
		return 0;
	}
	if (strcmp(verb, "role") == 0 && argc == 4) {
		const char *roles = roles_arg(argv[3]);

		if (roles == NULL)
			return cli_fail("unknown role in \"%s\"", argv[3]);
		n = db_exec(&c->db, "UPDATE users SET roles = ? WHERE email = ?", "ss", roles, argv[2]);
		if (n < 0)
			return cli_fail("database error");
		if (n == 0 && db_scalar(db_query(&c->db, &c->arena,
		    "SELECT COUNT(*) FROM users WHERE email = ?", "s", argv[2]), 0) == 0)
			return cli_fail("no account %s", argv[2]);
		audit_db(&c->db, 0, "user.update", argv[2], roles, "cli");
		printf("%s now has roles %s\n", argv[2], roles);
		return 0;
	}
	if ((strcmp(verb, "disable") == 0 || strcmp(verb, "enable") == 0) && argc == 3) {
		int on = strcmp(verb, "enable") == 0;

		n = db_exec(&c->db, "UPDATE users SET active = ? WHERE email = ?", "is",
		    (long long)on, argv[2]);
		if (n < 0)
			return cli_fail("database error");
		if (db_scalar(db_query(&c->db, &c->arena,
		    "SELECT COUNT(*) FROM users WHERE email = ?", "s", argv[2]), 0) == 0)
			return cli_fail("no account %s", argv[2]);
		if (!on)
			db_exec(&c->db, "DELETE FROM sessions WHERE user_id ="
			    " (SELECT id FROM users WHERE email = ?)", "s", argv[2]);
		audit_db(&c->db, 0, on ? "user.enable" : "user.disable", argv[2], "", "cli");
		printf("%s %s\n", argv[2], on ? "enabled" : "disabled");
		return 0;
	}
	fputs(usage_text, stderr);
	return 2;
}
