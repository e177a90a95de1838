/*
 * tls-client.c - a TLS client with cswsock11, as a customer would write one: InetConnect with
 * INET_OPTION_SECURE (the certificate is validated: its chain against the system's trust store —
 * SSL_CERT_FILE on Linux — and its name against the host), what the session negotiated
 * (InetGetSecurityInformation), and one line each way.
 *
 *   tls-client HOST PORT [LINE]   e.g. tls-client localhost 443
 *   TRUSTEDSITE=1 tls-client ...  skips the validation (INET_OPTION_TRUSTEDSITE), for test servers
 *
 * Build (Linux):   gcc -I artifacts/linux-x64 samples/tls-client.c -L artifacts/linux-x64 -lcswsock11
 * Build (Windows): cl /I artifacts\win-x64 samples\tls-client.c artifacts\win-x64\cswsock11.lib
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cswsock11.h"

static int fail(const char *what)
{
    char message[256] = "";
    DWORD error = InetGetLastError();
    InetGetErrorStringA(error, message, (INT)sizeof(message));
    fprintf(stderr, "%s failed: 0x%08lX %s\n", what, (unsigned long)error, message);
    InetUninitialize();
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s HOST PORT [LINE]\n", argv[0]);
        return 2;
    }
    const char *host = argv[1];
    UINT port = (UINT)strtoul(argv[2], NULL, 10);
    const char *text = argc > 3 ? argv[3] : "hello over TLS";
    DWORD options = INET_OPTION_SECURE;
    if (getenv("TRUSTEDSITE") != NULL)
        options |= INET_OPTION_TRUSTEDSITE;

    if (!InetInitializeA(NULL, NULL))
        return fail("InetInitialize");
    SOCKET h = InetConnectA(host, port, INET_PROTOCOL_TCP, 10, options, NULL);
    if (h == INVALID_SOCKET)
        return fail("InetConnect"); /* a certificate problem has its own code: ST_ERROR_CERTIFICATE_* */

    SECURITYINFOA info;
    memset(&info, 0, sizeof(info));
    info.dwSize = sizeof(info);
    if (InetGetSecurityInformationA(h, &info) != 0)
        return fail("InetGetSecurityInformation");
    printf("protocol 0x%04lX, cipher suite %s, server certificate %s\n", (unsigned long)info.dwProtocol,
           info.szCipherSuite, info.szCertSubject);

    INT length = 0;
    char line[1024];
    if (!InetWriteLineA(h, text, &length))
        return fail("InetWriteLine");
    length = (INT)sizeof(line);
    if (!InetReadLineA(h, line, &length))
        return fail("InetReadLine");
    printf("sent \"%s\", received \"%s\"\n", text, line);

    InetDisconnect(h); /* sends the TLS close_notify */
    InetUninitialize();
    return 0;
}
