#!/usr/bin/env bash
# lint.sh - the build's check for unsafe patterns (STYLE.md practice 8).
# Fails on: SQL text built with printf-family calls or passed to the database
# as anything but a string literal; alt:/name:/text_html in templates; uvar:
# outside the allow-list; escape:"none" outside plain-text mail templates;
# printing to stdout from the web programs and the library.
set -euo pipefail
cd "$(dirname "$0")/.."

perl -e '
use strict; use warnings;
my $fail = 0;
sub bad { my ($where, $what) = @_; print STDERR "lint: $where: $what\n"; $fail = 1; }
my @c = (glob("cgi-bin/*/*.c"), glob("cgi-bin/*/*.h"));
for my $f (@c) {
    open my $fh, "<", $f or die "$f: $!";
    local $/; my $src = <$fh>; close $fh;
    (my $code = $src) =~ s{/\*.*?\*/}{ my $x = $&; $x =~ s/[^\n]//g; $x }gse;
    my $line = sub { my $pos = shift; 1 + (() = substr($code, 0, $pos) =~ /\n/g) };
    # 1. printf-family building SQL text.
    while ($code =~ /\b(\w*printf)\s*\(([^;]*?)\b(SELECT|INSERT|UPDATE|DELETE|REPLACE)\s/g) {
        bad("$f:" . $line->($-[0]), "SQL text built with $1; bind parameters instead");
    }
    # 2. db_exec/db_query must get the SQL as a string literal
    #    (db_exec(db, SQL, ...), db_query(db, arena, SQL, ...)).
    unless ($f eq "cgi-bin/lib/db.c" || $f =~ /\.h$/) {
        while ($code =~ /\bdb_exec\s*\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*(\S)/g) {
            bad("$f:" . $line->($-[0]), "db_exec needs the SQL as a string literal") if $1 ne "\"";
        }
        while ($code =~ /\bdb_query\s*\(\s*[^,()]+,\s*[^,()]+,\s*(\S)/g) {
            bad("$f:" . $line->($-[0]), "db_query needs the SQL as a string literal") if $1 ne "\"";
        }
    }
    # 3. No stdout from the web programs or the library (the CLI may print).
    next if $f =~ m{^cgi-bin/cli/};
    while ($code =~ /(?<![\w.>])(printf|puts|putchar|vprintf)\s*\(|\bf(?:puts|printf|write)\s*\([^;]*\bstdout\b/g) {
        my $l = $line->($-[0]);
        next if $f eq "cgi-bin/lib/app.c" && substr($code, 0, $-[0]) =~ /\nusage\s*\([^{]*\{[^}]*$/s;
        bad("$f:$l", "prints to stdout; handlers fill the HDF, the library writes through FastCGI");
    }
}
my %uvar_ok = map { $_ => 1 } grep { /\S/ && !/^#/ } do {
    open my $fh, "<", "tests/uvar-allow.txt" or die "tests/uvar-allow.txt: $!"; <$fh> };
chomp for values %uvar_ok;
%uvar_ok = map { my $k = $_; chomp $k; $k => 1 } keys %uvar_ok;
for my $f (glob("templates/*.cs"), glob("templates/*/*.cs")) {
    open my $fh, "<", $f or die; my $n = 0;
    while (my $l = <$fh>) {
        $n++;
        bad("$f:$n", "alt:/name: print raw; use var:") if $l =~ /<\?cs\s*(alt|name)\s*:/;
        bad("$f:$n", "text_html double-escapes; do not use it") if $l =~ /text_html/;
        if ($l =~ /<\?cs\s*uvar\s*:\s*([\w.\[\]"]+)/) {
            bad("$f:$n", "uvar:$1 is not in tests/uvar-allow.txt") unless $uvar_ok{"$f $1"};
        }
        bad("$f:$n", "escape:\"none\" only in plain-text mail templates")
            if $l =~ /escape\s*:\s*"none"/ && $f !~ m{^templates/mail/.*\.txt\.cs$};
    }
}
exit $fail;
'
echo "lint: ok"
