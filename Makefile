# Ventanilla - build, run, test. `make run` and `make test` are all a newcomer needs.
# GNU make, Debian 12. See README.md and INSTALL.

PREFIX ?= /usr/local
DESTDIR ?=
PORT ?= 8080
CC ?= gcc

PKGS := libconfig jansson libsodium libcurl libmariadb
CS_CFLAGS := -I/usr/include/ClearSilver
CS_LIBS := -lneo_cgi -lneo_cs -lneo_utl -lz
WARN := -Wall -Wextra -Wformat=2 -Wshadow -Wpointer-arith -Wstrict-prototypes \
	-Wmissing-prototypes -Werror
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -fstack-protector-strong \
	-D_FORTIFY_SOURCE=2 -fPIE -Icgi-bin/lib $(CS_CFLAGS) \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDFLAGS ?=
ALL_LDFLAGS := -pie -Wl,-z,relro,-z,now $(LDFLAGS)
LIBS := -lfcgi $(CS_LIBS) $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark -lstemmer -lm

B := build
LIB_SRC := $(wildcard cgi-bin/lib/*.c)
LIB_OBJ := $(LIB_SRC:cgi-bin/lib/%.c=$(B)/lib/%.o)
PROGRAMS := portal knowledge catalog tickets admin
BINS := $(PROGRAMS:%=$(B)/bin/%) $(B)/bin/ventanilla
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all deps build run stop test test-unit test-http test-browser fuzz fuzz-short \
	lint bench install clean

all: build

deps:
	@bash scripts/stack.sh deps

build: $(BINS)

$(B)/lib/%.o: cgi-bin/lib/%.c $(wildcard cgi-bin/lib/*.h)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libventanilla.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

define program_rule
$(B)/bin/$(1): $(wildcard cgi-bin/$(1)/*.c) $(wildcard cgi-bin/$(1)/*.h) $(B)/libventanilla.a
	@mkdir -p $$(@D)
	@echo "  LINK    $$@"
	@$$(CC) $$(ALL_CFLAGS) $$(ALL_LDFLAGS) $(wildcard cgi-bin/$(1)/*.c) $(B)/libventanilla.a $$(LIBS) -o $$@
endef
$(foreach p,$(PROGRAMS),$(eval $(call program_rule,$(p))))

$(B)/bin/ventanilla: $(wildcard cgi-bin/cli/*.c) $(wildcard cgi-bin/cli/*.h) $(B)/libventanilla.a
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(wildcard cgi-bin/cli/*.c) $(B)/libventanilla.a $(LIBS) -o $@

# --- Running ---------------------------------------------------------------

# Ctrl-C (or SIGTERM) stops what `make run` started; run.sh then exits 0, so make
# reports no error. VT_RUN_STATE: another folder than var/ (the tests use it).
run: deps
	@$(MAKE) --no-print-directory build
	@bash scripts/run.sh $(PORT)

stop:
	@bash scripts/stack.sh stop "$${VT_RUN_STATE:-var}"

# --- Checks ----------------------------------------------------------------

lint:
	@bash tests/lint.sh

$(B)/tests/%: tests/unit/%.c $(B)/libventanilla.a
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes $< $(B)/libventanilla.a $(LIBS) -lcmocka -o $@

test-unit: $(UNIT_BIN)
	@bash tests/unit/run.sh $(UNIT_BIN)

FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Icgi-bin/lib
$(B)/fuzz/fuzz_parse: tests/fuzz/fuzz_parse.c cgi-bin/lib/parse.c cgi-bin/lib/arena.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) $^ -o $@

$(B)/fuzz/fuzz_mime: tests/fuzz/fuzz_mime.c cgi-bin/lib/mime.c cgi-bin/lib/parse.c \
		cgi-bin/lib/arena.c cgi-bin/lib/buf.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) $^ -o $@

fuzz-short: $(B)/fuzz/fuzz_parse $(B)/fuzz/fuzz_mime
	@bash tests/fuzz/run.sh $(B)/fuzz/fuzz_parse 30
	@bash tests/fuzz/run.sh $(B)/fuzz/fuzz_mime 30

fuzz: $(B)/fuzz/fuzz_parse $(B)/fuzz/fuzz_mime
	@bash tests/fuzz/run.sh $(B)/fuzz/fuzz_parse 600
	@bash tests/fuzz/run.sh $(B)/fuzz/fuzz_mime 600

test: 
	@bash scripts/stack.sh deps test
	@$(MAKE) --no-print-directory build lint
	@bash tests/run.sh

bench: build
	@bash tests/bench/run.sh

# The knowledge base at scale: BENCH_ARTICLES generated articles (default 100000),
# search latency in process, then article, search and suggest pages through nginx.
.PHONY: bench-kb
bench-kb: build $(B)/bench/search_bench
	@bash tests/bench/kb.sh

# Tickets at scale: BENCH_TICKETS generated tickets (default 1000000), then
# "My requests", the work queue and a ticket page through nginx, signed in.
.PHONY: bench-tickets
bench-tickets: build
	@bash tests/bench/tickets.sh

$(B)/bench/search_bench: tests/bench/search_bench.c $(B)/libventanilla.a
	@mkdir -p $(@D)
	@echo "  LINK    $@"
	@$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $< $(B)/libventanilla.a $(LIBS) -o $@

# --- Installing ------------------------------------------------------------

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/ventanilla \
		$(DESTDIR)/etc/ventanilla
	install -m 755 $(BINS) $(DESTDIR)$(PREFIX)/bin/
	cp -R templates htdocs schema $(DESTDIR)$(PREFIX)/share/ventanilla/
	install -m 644 conf/ventanilla.conf.example $(DESTDIR)/etc/ventanilla/ventanilla.conf.example
	install -d $(DESTDIR)$(PREFIX)/share/ventanilla/conf
	cp -R conf/nginx conf/apache conf/systemd $(DESTDIR)$(PREFIX)/share/ventanilla/conf/ 2>/dev/null || true

clean:
	rm -rf $(B)
