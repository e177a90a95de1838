/* ansi_code_page_test <code page> - the A functions use the process ANSI code page (contract §1).
   CTest runs it under a Wine locale of each code page named (Wine takes the ANSI code page from
   LC_ALL): the byte 0xFC is u-umlaut in 1252 and soft sign in 1251, so InetNormalizeHostNameA gives
   a different Punycode name in each. The program first checks that it really runs under that code
   page, so it cannot pass under another one.
   Peer: none (no network). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cswsock11.h"

struct expectation {
    UINT codePage;
    const char *normalized; /* InetNormalizeHostNameA("b\xFC" "cher.example") */
};

static const struct expectation expectations[] = {
    {1252, "xn--bcher-kva.example"}, /* "bücher.example" */
    {1251, "xn--bcher-x0e.example"}, /* "bьcher.example" */
};

/* Every message the library has: its A form is its W form in the ANSI code page. (Today's messages
   are all ASCII, the same bytes in either code page: the host name above is what tells them apart.) */
static int check_error_strings(void)
{
    DWORD code;
    int messages = 0;
    for (code = 0x80040000; code < 0x80040000 + 0x3000; code++) { /* library and Winsock numbers */
        WCHAR wide[256];
        char ansi[256], expected[256];
        INT wideLength = InetGetErrorStringW(code, wide, 256);
        int expectedLength;
        if (wideLength == INET_ERROR)
            continue; /* not a code of the library */
        expectedLength = WideCharToMultiByte(CP_ACP, 0, wide, -1, expected, (int)sizeof(expected), NULL, NULL);
        CHECK(expectedLength > 0);
        CHECK(InetGetErrorStringA(code, ansi, (INT)sizeof(ansi)) == expectedLength - 1);
        CHECK(memcmp(ansi, expected, (size_t)expectedLength) == 0);
        messages++;
    }
    return messages;
}

int main(int argc, char **argv)
{
    const struct expectation *expected = NULL;
    char normalized[64];
    size_t i;
    int messages;

    CHECK(argc == 2);
    for (i = 0; i < sizeof(expectations) / sizeof(expectations[0]); i++)
        if (expectations[i].codePage == (UINT)atoi(argv[1]))
            expected = &expectations[i];
    CHECK(expected != NULL);
    if (GetACP() != expected->codePage) {
        fprintf(stderr, "running under ANSI code page %u, not %u: check the test's LC_ALL\n", GetACP(), expected->codePage);
        return 1;
    }

    CHECK(InetInitializeA(NULL, NULL));
    CHECK(InetNormalizeHostNameA("b\xFC" "cher.example", normalized, (INT)sizeof(normalized)) ==
          (INT)strlen(expected->normalized));
    CHECK(strcmp(normalized, expected->normalized) == 0);
    messages = check_error_strings();
    CHECK(messages > 0);
    InetUninitialize();
    printf("code page %u: \"b\\xFCcher.example\" is %s; %d messages match\n", GetACP(), normalized, messages);
    return 0;
}
