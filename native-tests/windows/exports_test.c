/* exports_test - cswsock11.dll exports exactly what cswsock11.def lists, as it numbers them.
   The list is generated from the .def at build time (def-to-list.cmake), so a wrong ordinal or a
   missing export in the DLL, or one the .def does not list, fails here.
   Loaded with LoadLibrary as a program without the import library would; nothing is called.
   Peer: none. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

struct def_export {
    const char *name;
    const char *internal; /* "Name = Internal": an alias, or NULL */
    WORD ordinal;         /* 0: the .def gives none */
    int data;             /* DATA: a variable, not code */
};

#define DEF_EXPORT(name, internal, ordinal, data) {name, internal, ordinal, data},
static const struct def_export def_exports[] = {
#include "def_exports.inc"
};
#define DEF_COUNT (sizeof(def_exports) / sizeof(def_exports[0]))

static int failures;

static void fail(const char *name, const char *what)
{
    fprintf(stderr, "%s: %s\n", name, what);
    failures++;
}

static const struct def_export *find(const char *name)
{
    size_t i;
    for (i = 0; i < DEF_COUNT; i++)
        if (strcmp(def_exports[i].name, name) == 0)
            return &def_exports[i];
    return NULL;
}

static const BYTE *base_of(HMODULE module)
{
    return (const BYTE *)module;
}

static const IMAGE_NT_HEADERS *headers_of(HMODULE module)
{
    return (const IMAGE_NT_HEADERS *)(base_of(module) + ((const IMAGE_DOS_HEADER *)module)->e_lfanew);
}

/* The section holding address, or NULL when it is outside every section of the image. */
static const IMAGE_SECTION_HEADER *section_of(HMODULE module, FARPROC address)
{
    const IMAGE_NT_HEADERS *nt = headers_of(module);
    const IMAGE_SECTION_HEADER *section = IMAGE_FIRST_SECTION(nt);
    UINT_PTR rva = (UINT_PTR)address - (UINT_PTR)module;
    WORD i;
    for (i = 0; i < nt->FileHeader.NumberOfSections; i++, section++)
        if (rva >= section->VirtualAddress && rva < (UINT_PTR)section->VirtualAddress + section->Misc.VirtualSize)
            return section;
    return NULL;
}

/* Each .def entry through GetProcAddress: by name, by its ordinal, and as its alias' target. */
static void check_lookups(HMODULE module)
{
    size_t i;
    for (i = 0; i < DEF_COUNT; i++) {
        const struct def_export *e = &def_exports[i];
        FARPROC byName = GetProcAddress(module, e->name);
        const IMAGE_SECTION_HEADER *section;

        if (byName == NULL) {
            fail(e->name, "GetProcAddress by name found nothing");
            continue;
        }
        section = section_of(module, byName);
        if (section == NULL)
            fail(e->name, "address outside the DLL's sections");
        else if (((section->Characteristics & IMAGE_SCN_MEM_EXECUTE) != 0) == (e->data != 0))
            fail(e->name, e->data ? "DATA export in an executable section" : "function in a non-executable section");
        if (e->ordinal != 0 && GetProcAddress(module, MAKEINTRESOURCEA(e->ordinal)) != byName)
            fail(e->name, "GetProcAddress by its ordinal gives another address");
        if (e->internal != NULL && find(e->internal) != NULL && GetProcAddress(module, e->internal) != byName)
            fail(e->name, "alias not at the address of its target");
    }
}

/* The export directory itself: no name, and no ordinal-only entry, that the .def does not list,
   and each name at the ordinal the .def gives it (aliases share an address, so only this tells
   two of them apart). */
static void check_directory(HMODULE module)
{
    const BYTE *base = base_of(module);
    const IMAGE_DATA_DIRECTORY *entry = &headers_of(module)->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT];
    const IMAGE_EXPORT_DIRECTORY *dir;
    const DWORD *functions, *names;
    const WORD *nameOrdinals;
    DWORD i, j;
    char message[64];

    if (entry->VirtualAddress == 0) {
        fail("cswsock11.dll", "no export directory");
        return;
    }
    dir = (const IMAGE_EXPORT_DIRECTORY *)(base + entry->VirtualAddress);
    functions = (const DWORD *)(base + dir->AddressOfFunctions);
    names = (const DWORD *)(base + dir->AddressOfNames);
    nameOrdinals = (const WORD *)(base + dir->AddressOfNameOrdinals);
    for (i = 0; i < dir->NumberOfNames; i++) {
        const char *name = (const char *)(base + names[i]);
        const struct def_export *e = find(name);
        if (e == NULL)
            fail(name, "exported, but not in the .def");
        else if (e->ordinal != 0 && dir->Base + nameOrdinals[i] != e->ordinal) {
            snprintf(message, sizeof(message), "exported as ordinal %lu", (unsigned long)(dir->Base + nameOrdinals[i]));
            fail(name, message);
        }
    }
    if (dir->NumberOfNames != DEF_COUNT) {
        snprintf(message, sizeof(message), "%lu names exported, the .def lists %u",
                 (unsigned long)dir->NumberOfNames, (unsigned)DEF_COUNT);
        fail("cswsock11.dll", message);
    }
    for (i = 0; i < dir->NumberOfFunctions; i++) {
        if (functions[i] == 0)
            continue; /* a gap in the numbering */
        for (j = 0; j < dir->NumberOfNames && nameOrdinals[j] != i; j++)
            ;
        if (j == dir->NumberOfNames) {
            snprintf(message, sizeof(message), "ordinal %lu", (unsigned long)(dir->Base + i));
            fail(message, "exported without a name, not in the .def");
        }
    }
}

int main(void)
{
    HMODULE module = LoadLibraryW(L"cswsock11.dll");
    if (module == NULL) {
        fprintf(stderr, "LoadLibrary(cswsock11.dll) failed: %lu\n", GetLastError());
        return 1;
    }
    check_lookups(module);
    check_directory(module);
    if (failures != 0)
        return 1;
    printf("%u exports of the .def found by name and ordinal; the DLL exports nothing else\n", (unsigned)DEF_COUNT);
    return 0;
}
