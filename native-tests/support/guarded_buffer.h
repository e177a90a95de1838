/* guarded_buffer.h - output buffers that end right before an inaccessible page, so a library
   write past the length it was given crashes the test instead of passing unnoticed. */
#ifndef GUARDED_BUFFER_H
#define GUARDED_BUFFER_H

#include <stddef.h>
#include <string.h>

#include "platform.h"

typedef struct guarded_buffer {
    unsigned char *mapping;
    size_t mapped;
    void *data; /* size bytes, the last of them just before the guard page */
    size_t size;
} guarded_buffer;

/* Returns 0 on success. The data bytes are filled with 0xA5 so untouched bytes can be recognised. */
static int guarded_buffer_init(guarded_buffer *buffer, size_t size)
{
    size_t page = os_page_size();
    size_t pages = (size + page - 1) / page + 1;
    void *mapping = os_pages_map(pages * page);
    if (mapping == NULL)
        return -1;
    buffer->mapping = (unsigned char *)mapping;
    buffer->mapped = pages * page;
    if (os_pages_protect_none(buffer->mapping + (pages - 1) * page, page) != 0)
        return -1;
    buffer->size = size;
    buffer->data = buffer->mapping + (pages - 1) * page - size;
    memset(buffer->data, 0xA5, size);
    return 0;
}

static void guarded_buffer_free(guarded_buffer *buffer)
{
    os_pages_unmap(buffer->mapping, buffer->mapped);
}

#endif
