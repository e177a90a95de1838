#!/bin/sh
# make-test-certs.sh DIR - makes the certificates the TLS tests use, with the openssl command line,
# into DIR (created if needed; everything in it is remade). Nothing outside DIR is touched: the
# tests trust the test CA through SSL_CERT_FILE=DIR/ca.pem, never through a system store.
#
#   ca.pem, ca.key                 test root CA "cswsock11 Test CA" (the only one in ca.pem)
#   localhost.pem, localhost.key   leaf for localhost: SAN DNS:localhost, IP:127.0.0.1, IP:::1
#   localhost-chain.pem            localhost.pem followed by ca.pem (what a server may send)
#   other.pem, other.key           leaf for other.example (SAN DNS:other.example), by the test CA
#   expired.pem, expired.key       leaf for localhost, valid 2001-2002, by the test CA
#   notyet.pem, notyet.key         leaf for localhost, valid from 2099 on, by the test CA
#   selfsigned.pem, selfsigned.key self-signed certificate for localhost
#   rogue-ca.pem, rogue.pem/.key   a second CA "cswsock11 Rogue CA" (not trusted) and its leaf for localhost
#   inter-ca.pem                   intermediate CA "cswsock11 Intermediate CA", signed by the test CA
#   inter-leaf.pem, inter-leaf.key leaf for localhost signed by the intermediate (sent alone: partial chain)
#   inter-chain.pem                inter-leaf.pem followed by inter-ca.pem (the full chain)
#   client.pem, client.key         client certificate "cswsock11 test client", by the test CA
#   client.pfx                     PKCS#12 of it with its key, password "secret", friendly name
#                                  "cswsock11 client alias"
#   client-combined.pem            client certificate and its unencrypted key in one PEM file
#   client-encrypted.pem           client certificate and its key encrypted (PKCS#8) with "secret"
#   client-nopass.pfx              the PKCS#12 with an empty password (as .NET's user store keeps them)
#   client.sha1                    SHA-1 thumbprint of client.pem, uppercase hex
#   *.notafter                     notAfter of a leaf, in seconds since 1970 (for SECURITYINFO checks)
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 DIR" >&2
    exit 2
fi
dir=$1
mkdir -p "$dir"
cd "$dir"
rm -rf ca-work inter-work ./*.pem ./*.key ./*.pfx ./*.csr ./*.srl ./*.cnf ./*.sha1 ./*.notafter

# The system openssl.cnf plays no part.
OPENSSL_CONF=/dev/null
export OPENSSL_CONF

key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }

cat > ext.cnf <<'CNF'
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[localhost_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[other_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[selfsigned_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash

[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

# A root CA: $1 name of the files, $2 common name.
root_ca() {
    key "$1.key"
    openssl req -new -x509 -key "$1.key" -out "$1.pem" -days 3650 -sha256 \
        -subj "/O=cswsock11 tests/CN=$2" -config ext.cnf -extensions ca_ext
}

# A certificate signed by a CA with `openssl x509 -req`: $1 name, $2 subject, $3 extension section,
# $4 CA base name.
issue() {
    key "$1.key"
    openssl req -new -key "$1.key" -out "$1.csr" -subj "$2"
    openssl x509 -req -in "$1.csr" -CA "$4.pem" -CAkey "$4.key" -CAcreateserial -out "$1.pem" \
        -days 825 -sha256 -extfile ext.cnf -extensions "$3" 2>/dev/null
    rm -f "$1.csr"
}

# A certificate with chosen dates, through `openssl ca` and a throwaway CA configuration (the
# x509 command cannot set a start date): $1 name, $2 startdate, $3 enddate (YYYYMMDDHHMMSSZ).
issue_dated() {
    key "$1.key"
    openssl req -new -key "$1.key" -out "$1.csr" -subj "/O=cswsock11 tests/CN=localhost"
    rm -rf ca-work
    mkdir -p ca-work/new
    : > ca-work/index.txt
    cat > ca-work/ca.cnf <<CNF
[ca]
default_ca = test_ca
[test_ca]
database = ca-work/index.txt
new_certs_dir = ca-work/new
serial = ca-work/serial
default_md = sha256
policy = any
unique_subject = no
email_in_dn = no
copy_extensions = none
[any]
organizationName = optional
commonName = supplied
CNF
    openssl rand -hex 16 > ca-work/serial
    openssl ca -batch -notext -config ca-work/ca.cnf -cert ca.pem -keyfile ca.key -in "$1.csr" \
        -out "$1.pem" -startdate "$2" -enddate "$3" -extfile ext.cnf -extensions localhost_ext 2>/dev/null
    rm -rf ca-work "$1.csr"
}

# notAfter of a certificate as seconds since 1970, for the SECURITYINFO tests.
not_after() {
    date -u -d "$(openssl x509 -in "$1.pem" -noout -enddate | sed 's/^notAfter=//')" +%s > "$1.notafter"
}

root_ca ca "cswsock11 Test CA"
issue localhost "/O=cswsock11 tests/CN=localhost" localhost_ext ca
cat localhost.pem ca.pem > localhost-chain.pem
issue other "/O=cswsock11 tests/CN=other.example" other_ext ca
issue_dated expired 20010101000000Z 20021231235959Z
issue_dated notyet 20990101000000Z 21001231235959Z

key selfsigned.key
openssl req -new -x509 -key selfsigned.key -out selfsigned.pem -days 825 -sha256 \
    -subj "/O=cswsock11 tests/CN=localhost" -config ext.cnf -extensions selfsigned_ext

root_ca rogue-ca "cswsock11 Rogue CA"
issue rogue "/O=cswsock11 tests/CN=localhost" localhost_ext rogue-ca

# Intermediate CA under the test CA, and a leaf it signs.
key inter-ca.key
openssl req -new -key inter-ca.key -out inter-ca.csr -subj "/O=cswsock11 tests/CN=cswsock11 Intermediate CA"
openssl x509 -req -in inter-ca.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out inter-ca.pem \
    -days 3650 -sha256 -extfile ext.cnf -extensions ca_ext 2>/dev/null
rm -f inter-ca.csr
issue inter-leaf "/O=cswsock11 tests/CN=localhost" localhost_ext inter-ca
cat inter-leaf.pem inter-ca.pem > inter-chain.pem

# The client certificate in every form the credentials accept.
issue client "/O=cswsock11 tests/CN=cswsock11 test client" client_ext ca
openssl pkcs12 -export -in client.pem -inkey client.key -name "cswsock11 client alias" \
    -passout pass:secret -out client.pfx
openssl pkcs12 -export -in client.pem -inkey client.key -name "cswsock11 client alias" \
    -passout pass: -out client-nopass.pfx
cat client.pem client.key > client-combined.pem
openssl pkcs8 -topk8 -in client.key -v2 aes-256-cbc -passout pass:secret -out client-encrypted.key
cat client.pem client-encrypted.key > client-encrypted.pem
rm -f client-encrypted.key
openssl x509 -in client.pem -noout -fingerprint -sha1 | sed 's/^.*=//; s/://g' | tr 'a-f' 'A-F' > client.sha1

for leaf in localhost other expired notyet selfsigned rogue inter-leaf; do
    not_after "$leaf"
done

rm -f ext.cnf ./*.srl
chmod 600 ./*.key
