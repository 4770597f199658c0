#!/bin/sh
# Seeds fuzz/corpus/ (git-ignored) with small slices of the repository's fixtures, one
# folder per target. Run from the repository root: sh fuzz/seed.sh
set -eu
c=fuzz/corpus
for t in ofac_xml ofac_csv ofac_advanced un_xml eu_xml ftm_json watchlist_csv screen_csv screen_xlsx index_open index_resealed; do
  mkdir -p "$c/$t"
done

cp tests/fixtures/ofac_tempuri/sdn.xml $c/ofac_xml/tempuri_sdn.xml
zcat data/ofac_sdn.xml.gz | head -n 400 > $c/ofac_xml/current_ns_head.xml
echo '</sdnList>' >> $c/ofac_xml/current_ns_head.xml

d=tests/fixtures/ofac_csv
slice() { zcat "$d/$1.csv.gz" | head -n 25; printf '\032'; }
slice sdn > $c/ofac_csv/sdn_main
{ slice sdn; printf '\000'; slice alt; printf '\000'; slice add; printf '\000'; slice sdn_comments; } \
  > $c/ofac_csv/sdn_set

# The whole advanced fixture (2.7 MB): its reference tables come first, so a slice of
# it would not reach the entities. Slow per run; mutations still find their way in.
zcat tests/fixtures/ofac_advanced/cons_advanced.xml.gz > $c/ofac_advanced/cons_advanced.xml

# UN and EU: the first records, the file closed after them.
zcat data/un_consolidated.xml.gz | awk '/<\/INDIVIDUAL>/ { n++ } { print } n == 8 { exit }' > $c/un_xml/head.xml
echo '</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>' >> $c/un_xml/head.xml
zcat data/eu_fsf.xml.gz | awk '/<\/sanctionEntity>/ { n++ } { print } n == 6 { exit }' > $c/eu_xml/head.xml
echo '</export>' >> $c/eu_xml/head.xml

cat > $c/ftm_json/sample.json <<'JSON'
{"id":"p-1","schema":"Person","caption":"Ivan Petrov","properties":{"name":["Ivan Petrov","Иван Петров"],"alias":["Vanya"],"birthDate":["1970-02-03"],"nationality":["ru"],"passportNumber":["123456"],"email":["ivan@example.org"]},"datasets":["test"]}
{"id":"c-1","schema":"Company","caption":"Acme","properties":{"name":["Acme Trading Co., Ltd"],"country":["cn"],"address":["1 Road, Dalian"],"website":["acme.example"]},"datasets":["test"]}
{"id":"s-1","schema":"Sanction","properties":{"entity":["p-1"],"programId":["X-1"]}}
{"id":"w-1","schema":"CryptoWallet","properties":{"holder":["c-1"],"publicKey":["0x098B716B8Aaf21512996dC57EB0615e2383E2f96"]}}
{"id":"o-1","schema":"Ownership","properties":{"owner":["p-1"],"asset":["c-1"]}}
JSON

cp tests/fixtures/watchlist/My_Vendors.csv $c/watchlist_csv/
cp tests/fixtures/watchlist/My_Vendors.csv $c/screen_csv/
printf 'Vendor Name;E-mail;Country\nKorea Kwangson Banking Corp;sales@x.com;KP\n"Kim, Jong Un";;\n' > $c/screen_csv/semicolons.csv

cargo run --quiet --manifest-path fuzz/Cargo.toml --example seeds -- "$c"
