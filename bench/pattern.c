/*
 * pattern.c - the data pattern of bench.h, which every byte the benchmark moves is checked against
 * (the server process and the client both build it at start).
 */
#include "bench.h"

unsigned char g_pattern[PATTERN_PERIOD + CHUNK];

void pattern_init(void)
{
    uint64_t x = 0x9E3779B97F4A7C15u;
    for (size_t i = 0; i < PATTERN_PERIOD; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        g_pattern[i] = (unsigned char)(x >> 32);
    }
    for (size_t i = PATTERN_PERIOD; i < sizeof g_pattern; i++)
        g_pattern[i] = g_pattern[i - PATTERN_PERIOD];
}
