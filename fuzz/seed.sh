#!/bin/sh
# Seeds fuzz/corpus/ (git-ignored) with small slices of the repository's fixtures.
# Run from the repository root: sh fuzz/seed.sh
set -eu
mkdir -p fuzz/corpus/ofac_xml fuzz/corpus/ofac_csv
cp tests/fixtures/ofac_tempuri/sdn.xml fuzz/corpus/ofac_xml/tempuri_sdn.xml
zcat data/ofac_sdn.xml.gz | head -n 400 > fuzz/corpus/ofac_xml/current_ns_head.xml
echo '</sdnList>' >> fuzz/corpus/ofac_xml/current_ns_head.xml
d=tests/fixtures/ofac_csv
slice() { zcat "$d/$1.csv.gz" | head -n 25; printf '\032'; }
slice sdn > fuzz/corpus/ofac_csv/sdn_main
{ slice sdn; printf '\000'; slice alt; printf '\000'; slice add; printf '\000'; slice sdn_comments; } \
  > fuzz/corpus/ofac_csv/sdn_set
