/* guarded_buffer.h - output buffers that end right before an inaccessible page, so a library
   write past the length it was given crashes the test instead of passing unnoticed. */
#ifndef GUARDED_BUFFER_H
#define GUARDED_BUFFER_H

#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

typedef struct guarded_buffer {
    unsigned char *mapping;
    size_t mapped;
    void *data; /* size bytes, the last of them just before the guard page */
    size_t size;
} guarded_buffer;

/* Returns 0 on success. The data bytes are filled with 0xA5 so untouched bytes can be recognised. */
static int guarded_buffer_init(guarded_buffer *buffer, size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t pages = (size + page - 1) / page + 1;
    void *mapping = mmap(NULL, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapping == MAP_FAILED)
        return -1;
    buffer->mapping = (unsigned char *)mapping;
    buffer->mapped = pages * page;
    if (mprotect(buffer->mapping + (pages - 1) * page, page, PROT_NONE) != 0)
        return -1;
    buffer->size = size;
    buffer->data = buffer->mapping + (pages - 1) * page - size;
    memset(buffer->data, 0xA5, size);
    return 0;
}

static void guarded_buffer_free(guarded_buffer *buffer)
{
    munmap(buffer->mapping, buffer->mapped);
}

#endif
