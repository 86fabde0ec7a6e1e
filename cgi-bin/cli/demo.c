/* demo.c - `ventanilla demo`: demo accounts, teams and announcements. Safe to
 * run again: existing rows are kept. */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "cli.h"

#define DEMO_PASSWORD "ventanilla-demo"

/* One demo account. */
struct demo_user {
	const char *email, *name, *lang, *roles, *dept, *group;
};

static const struct demo_user demo_users[] = {
	{ "maria@example.org", "María García", "es", "requester", "Finanzas", NULL },
	{ "john@example.org", "John Smith", "en", "requester", "Sales", NULL },
	{ "agent@example.org", "Ana Agent", "", "requester,agent", "IT", "Service Desk" },
	{ "editor@example.org", "Eduardo Editor", "es", "requester,agent,editor", "IT",
	  "Service Desk" },
	{ "approver@example.org", "Paula Approver", "en", "requester,approver", "Finanzas",
	  NULL },
	{ "admin@example.org", "Alex Admin", "en", "requester,agent,editor,approver,admin",
	  "IT", "Network" },
};

static const char *const demo_groups[][2] = {
	{ "Service Desk", "First line: answers every new request" },
	{ "Network", "Wi-Fi, VPN and connections" },
	{ "Workplace", "Laptops, printers and desks" },
};

/* Synonym groups across both languages: people search with either word. */
static const char *const demo_synonyms[] = {
	"contraseña, contrasena, password, clave, passwd, pwd, pin",
	"correo, email, e-mail, mail, outlook, buzon, mailbox",
	"wifi, wi-fi, wlan, wireless, inalambrica, inalambrico",
	"impresora, printer, imprimir, print, printing, impresion",
	"portatil, laptop, notebook, ordenador, computer, computadora, pc",
	"vpn, remoto, remote",
	"teams, reunion, meeting, videollamada, videoconferencia, call, llamada",
	"mfa, 2fa, authenticator, autenticador, verificacion, verification",
	"bloqueada, bloqueado, bloqueo, locked, lockout, blocked",
	"phishing, suplantacion, fraude, scam, estafa, spam",
	"carpeta, folder, directorio, directory",
	"unidad, drive, compartida, shared",
	"lento, lenta, slow, sluggish",
	"programa, software, aplicacion, app, application",
	"calendario, calendar, agenda, cita, appointment",
	"pantalla, monitor, screen, display",
	"camara, camera, webcam",
	"microfono, microphone, mic, audio, sonido, sound",
	"bateria, battery, cargar, charge, charging, cargador, charger",
	"telefono, phone, movil, celular, mobile, smartphone",
	"archivo, file, fichero, documento, document",
	"recuperar, recover, restore, restaurar, borrado, deleted, eliminado",
	"instalar, install, instalacion, installation",
	"actualizar, update, actualizacion, upgrade",
	"internet, conexion, connection, conectar, connect, red, network",
	"olvide, olvidado, forgot, forgotten",
	"firma, signature",
	"entrar, acceder, access, login, logon, signin",
	"segundo, second, dual, adicional, additional, extra",
	"gestor, manager, administrador",
};

/* Ticket topics: slug, names, descriptions, receiving team. */
static const char *const demo_ticket_cats[][6] = {
	{ "broken", "Something does not work", "Algo no funciona",
	  "A device, program or service is failing.", "Un equipo, programa o servicio falla.",
	  "Service Desk" },
	{ "access", "Access, accounts and passwords", "Accesos, cuentas y contraseñas",
	  "Sign-in problems, locked accounts, permissions.",
	  "Problemas para entrar, cuentas bloqueadas, permisos.", "Service Desk" },
	{ "network", "Wi-Fi, VPN and internet", "Wifi, VPN e internet",
	  "Connection problems in the office or at home.",
	  "Problemas de conexión en la oficina o en casa.", "Network" },
	{ "hardware", "Laptops, phones and printers", "Portátiles, móviles e impresoras",
	  "Equipment that is broken, slow or missing.", "Equipos averiados, lentos o que faltan.",
	  "Workplace" },
	{ "question", "A question", "Una pregunta", "Anything else you want to ask.",
	  "Cualquier otra cosa que quieras preguntar.", "Service Desk" },
};

/* Extra fields: topic slug, label en, label es, type, choices, required. */
static const char *const demo_ticket_fields[][6] = {
	{ "hardware", "Which device?", "¿Qué equipo?", "choice",
	  "Laptop, Desktop, Phone, Printer, Monitor, Other", "1" },
	{ "hardware", "Asset tag (sticker on the device)", "Etiqueta de inventario (pegatina del equipo)",
	  "text", "", "0" },
	{ "broken", "Since when?", "¿Desde cuándo?", "date", "", "0" },
	{ "network", "Where are you?", "¿Dónde estás?", "choice", "Office, Home, Travelling", "1" },
	{ "access", "Can you sign in to other things?", "¿Puedes entrar en otras cosas?", "checkbox",
	  "", "0" },
};

static const char *const demo_canned[][3] = {
	{ "en", "Restart first", "Could you restart the device and tell us whether the problem is still "
	  "there? Many problems go away after a restart." },
	{ "en", "Solved - please check", "We believe this is solved now. If it works for you, there "
	  "is nothing more to do (on the request page you can tell us how we did); if not, press "
	  "\"It is still not working\" there, or simply reply to this message." },
	{ "es", "Reiniciar primero", "¿Puedes reiniciar el equipo y decirnos si el problema sigue? "
	  "Muchos problemas desaparecen tras reiniciar." },
	{ "es", "Resuelto - compruébalo", "Creemos que ya está resuelto. Si te funciona, no tienes que "
	  "hacer nada más (en la página de la solicitud puedes decirnos qué tal lo hicimos); si no, "
	  "pulsa «Todavía no funciona» allí o responde a este mensaje." },
};

static const char *const demo_departments[] = { "IT", "Finanzas", "Sales", "HR" };

/* One announcement per language. */
static const char *const demo_news[][4] = {
	{ "en", "info", "New VPN app from 1 December",
	  "Install the new VPN app from the Software Centre before 1 December. "
	  "The old one stops working that day." },
	{ "es", "info", "Nueva aplicación de VPN desde el 1 de diciembre",
	  "Instala la nueva aplicación de VPN desde el Centro de Software antes del "
	  "1 de diciembre. La antigua dejará de funcionar ese día." },
};

int
cmd_demo(struct cli *c, int argc, char **argv)
{
	char hash[AUTH_HASH_MAX];
	size_t i;

	(void)argv;
	if (c == NULL || argc > 1) {
		printf("usage: ventanilla demo\n\nLoads demo accounts, teams and announcements."
		    " Existing rows are kept,\nso it is safe to run again. Prints the demo logins.\n");
		return c == NULL ? 0 : 2;
	}
	if (db_connect(&c->db) < 0)
		return cli_fail("cannot connect to the database: %s", c->db.errmsg);
	if (auth_hash(DEMO_PASSWORD, hash) != 0)
		return cli_fail("out of memory while hashing");
	for (i = 0; i < sizeof(demo_departments) / sizeof(demo_departments[0]); i++)
		if (db_exec(&c->db, "INSERT IGNORE INTO departments (name) VALUES (?)", "s",
		    demo_departments[i]) < 0)
			return cli_fail("database error (did you run `ventanilla migrate`?)");
	for (i = 0; i < sizeof(demo_groups) / sizeof(demo_groups[0]); i++)
		if (db_exec(&c->db, "INSERT IGNORE INTO `groups` (name, description) VALUES (?, ?)",
		    "ss", demo_groups[i][0], demo_groups[i][1]) < 0)
			return cli_fail("database error");
	for (i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		const struct demo_user *u = &demo_users[i];

		if (db_exec(&c->db, "INSERT IGNORE INTO users (email, name, language, roles,"
		    " password_hash, department_id) SELECT ?, ?, ?, ?, ?, id FROM departments"
		    " WHERE name = ?", "ssssss", u->email, u->name, u->lang, u->roles, hash,
		    u->dept) < 0)
			return cli_fail("database error");
		if (u->group != NULL &&
		    db_exec(&c->db, "INSERT IGNORE INTO user_groups (user_id, group_id)"
		    " SELECT u.id, g.id FROM users u, `groups` g WHERE u.email = ? AND g.name = ?",
		    "ss", u->email, u->group) < 0)
			return cli_fail("database error");
	}
	if (db_scalar(db_query(&c->db, &c->arena, "SELECT COUNT(*) FROM announcements", ""), 0) == 0)
		for (i = 0; i < sizeof(demo_news) / sizeof(demo_news[0]); i++)
			if (db_exec(&c->db, "INSERT INTO announcements (language, level, title, body)"
			    " VALUES (?, ?, ?, ?)", "ssss", demo_news[i][0], demo_news[i][1],
			    demo_news[i][2], demo_news[i][3]) < 0)
				return cli_fail("database error");
	if (db_scalar(db_query(&c->db, &c->arena, "SELECT COUNT(*) FROM ticket_categories", ""), 0) == 0) {
		for (i = 0; i < sizeof(demo_ticket_cats) / sizeof(demo_ticket_cats[0]); i++)
			if (db_exec(&c->db, "INSERT INTO ticket_categories (slug, name_en, name_es,"
			    " description_en, description_es, group_id, position)"
			    " SELECT ?, ?, ?, ?, ?, id, ? FROM `groups` WHERE name = ?", "sssssis",
			    demo_ticket_cats[i][0], demo_ticket_cats[i][1], demo_ticket_cats[i][2],
			    demo_ticket_cats[i][3], demo_ticket_cats[i][4], (long long)i,
			    demo_ticket_cats[i][5]) < 0)
				return cli_fail("database error");
		for (i = 0; i < sizeof(demo_ticket_fields) / sizeof(demo_ticket_fields[0]); i++)
			if (db_exec(&c->db, "INSERT INTO ticket_fields (category_id, label_en, label_es, type,"
			    " choices, required, position) SELECT id, ?, ?, ?, ?, ?, ? FROM ticket_categories"
			    " WHERE slug = ?", "ssssiis", demo_ticket_fields[i][1], demo_ticket_fields[i][2],
			    demo_ticket_fields[i][3], demo_ticket_fields[i][4],
			    (long long)(demo_ticket_fields[i][5][0] == '1'), (long long)i,
			    demo_ticket_fields[i][0]) < 0)
				return cli_fail("database error");
		for (i = 0; i < sizeof(demo_canned) / sizeof(demo_canned[0]); i++)
			if (db_exec(&c->db, "INSERT INTO canned_responses (language, title, body) VALUES (?, ?, ?)",
			    "sss", demo_canned[i][0], demo_canned[i][1], demo_canned[i][2]) < 0)
				return cli_fail("database error");
	}
	if (db_scalar(db_query(&c->db, &c->arena, "SELECT COUNT(*) FROM kb_synonyms", ""), 0) == 0)
		for (i = 0; i < sizeof(demo_synonyms) / sizeof(demo_synonyms[0]); i++)
			if (db_exec(&c->db, "INSERT INTO kb_synonyms (terms) VALUES (?)", "s",
			    demo_synonyms[i]) < 0)
				return cli_fail("database error");
	{
		char dir[4096];

		snprintf(dir, sizeof(dir), "%s/demo/kb", c->conf.schema_dir);
		if (kb_import_demo(c, dir) > 0)
			return cli_fail("some demo articles were refused (see above)");
	}
	printf("Demo logins (password for all: %s)\n", DEMO_PASSWORD);
	for (i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++)
		printf("  %-22s %s\n", demo_users[i].email, demo_users[i].roles);
	return 0;
}
