// crtshim.cpp - the pieces of Microsoft's static C runtime (LIBCMT, libcpmt) that the NativeAOT
// runtime's objects expect, for cross-linking cswsock11.dll on Linux with lld-link and mingw-w64's
// import libraries (WinCross.targets), so that the DLL can be tested under Wine. Microsoft's CRT is
// not in Debian. This is not a CRT: the /GS cookie is fixed, there is no Control Flow Guard, and
// atexit handlers never run. Release DLLs are linked on Windows by link.exe with the real CRT
// (build/build.ps1).
//
// Compiled freestanding, without C++ exceptions (nothing here throws):
//   clang++-14 --target=x86_64-pc-windows-msvc -ffreestanding -nostdinc -fno-exceptions -O2 -c
typedef unsigned long long size_t;
typedef unsigned long long uintptr_t;
typedef void(__cdecl *PVFV)(void);
typedef int(__cdecl *PIFV)(void);
typedef void(__stdcall *PIMAGE_TLS_CALLBACK)(void *, unsigned long, void *);

extern "C" {
void *malloc(size_t size);
void free(void *block);

// ---- /GS buffer-overrun checks: a fixed cookie still catches an overrun ----------------------------
uintptr_t __security_cookie = 0x2B992DDFA232ull;

void __security_check_cookie(uintptr_t cookie)
{
    if (cookie != __security_cookie)
        __builtin_trap();
}

void __report_rangecheckfailure(void) { __builtin_trap(); }

// The /GS handler of functions with exception handlers: let the search go on (ExceptionContinueSearch).
int __GSHandlerCheck(void *, void *, void *, void *) { return 1; }

// Tells the linker that floating point is used; its value is MSVC's.
int _fltused = 0x9875;

// ---- Control Flow Guard off: an indirect call through the guard is a plain jump to rax -------------
void __guard_dispatch_icall_nop(void);
__asm__(".globl __guard_dispatch_icall_nop\n"
        "__guard_dispatch_icall_nop:\n"
        "    jmpq *%rax\n");
void *__guard_dispatch_icall_fptr = (void *)&__guard_dispatch_icall_nop;

// ---- __chkstk: touches each page of a large stack allocation (rax bytes) in order ------------------
// As MSVC's chkstk.asm: only r10 and r11 may change; the thread's stack limit is at gs:[0x10].
__asm__(".globl __chkstk\n"
        "__chkstk:\n"
        "    subq $16, %rsp\n"
        "    movq %r10, (%rsp)\n"
        "    movq %r11, 8(%rsp)\n"
        "    xorq %r11, %r11\n"
        "    leaq 24(%rsp), %r10\n"
        "    subq %rax, %r10\n"
        "    cmovbq %r11, %r10\n"
        "    movq %gs:16, %r11\n"
        "    cmpq %r11, %r10\n"
        "    jae 2f\n"
        "    andw $0xF000, %r10w\n"
        "1:  leaq -4096(%r11), %r11\n"
        "    movb $0, (%r11)\n"
        "    cmpq %r11, %r10\n"
        "    jne 1b\n"
        "2:  movq (%rsp), %r10\n"
        "    movq 8(%rsp), %r11\n"
        "    addq $16, %rsp\n"
        "    retq\n");

// ---- initializer tables: the linker sorts .CRT$X?? sections by name between these bounds -----------
#pragma section(".CRT$XIA", long, read)
#pragma section(".CRT$XIZ", long, read)
#pragma section(".CRT$XCA", long, read)
#pragma section(".CRT$XCZ", long, read)
#pragma section(".CRT$XDA", long, read)
#pragma section(".CRT$XDZ", long, read)
#pragma section(".CRT$XLA", long, read)
#pragma section(".CRT$XLC", long, read)
#pragma section(".CRT$XLZ", long, read)
#pragma section(".rdata$T", long, read)
__declspec(allocate(".CRT$XIA")) PIFV __xi_a[] = {0}; // C initializers
__declspec(allocate(".CRT$XIZ")) PIFV __xi_z[] = {0};
__declspec(allocate(".CRT$XCA")) PVFV __xc_a[] = {0}; // C++ constructors
__declspec(allocate(".CRT$XCZ")) PVFV __xc_z[] = {0};
__declspec(allocate(".CRT$XDA")) PVFV __xd_a[] = {0}; // initializers of thread_local variables
__declspec(allocate(".CRT$XDZ")) PVFV __xd_z[] = {0};

// ---- thread-local storage: the TLS directory and the per-thread dynamic initialisation --------------
#pragma section(".tls", long, read, write)
#pragma section(".tls$ZZZ", long, read, write)
__declspec(allocate(".tls")) char _tls_start = 0;
__declspec(allocate(".tls$ZZZ")) char _tls_end = 0;
unsigned long _tls_index = 0;
__declspec(thread) bool __tls_guard = false;

void __stdcall __dyn_tls_init(void *, unsigned long reason, void *)
{
    const unsigned long DLL_PROCESS_ATTACH = 1, DLL_THREAD_ATTACH = 2;
    if ((reason != DLL_PROCESS_ATTACH && reason != DLL_THREAD_ATTACH) || __tls_guard)
        return;
    __tls_guard = true;
    for (PVFV *initializer = __xd_a + 1; initializer < __xd_z; initializer++) {
        if (*initializer != 0)
            (*initializer)();
    }
}

// A thread_local used on a thread that existed before the DLL was loaded (no THREAD_ATTACH for it).
void __dyn_tls_on_demand_init(void) { __dyn_tls_init(0, 2, 0); }

__declspec(allocate(".CRT$XLA")) PIMAGE_TLS_CALLBACK __xl_a = 0;
__declspec(allocate(".CRT$XLC")) PIMAGE_TLS_CALLBACK __xl_c = __dyn_tls_init;
__declspec(allocate(".CRT$XLZ")) PIMAGE_TLS_CALLBACK __xl_z = 0;

struct TlsDirectory {
    unsigned long long StartAddressOfRawData, EndAddressOfRawData, AddressOfIndex, AddressOfCallBacks;
    unsigned int SizeOfZeroFill, Characteristics;
};
__declspec(allocate(".rdata$T")) extern const TlsDirectory _tls_used = {
    (unsigned long long)&_tls_start, (unsigned long long)&_tls_end, (unsigned long long)&_tls_index,
    (unsigned long long)(&__xl_a + 1), 0, 0};

// The DLL is pinned in memory (the NativeAOT runtime cannot be unloaded), so handlers registered
// here would only run at process exit, where nothing needs them.
int atexit(PVFV) { return 0; }

// ---- the entry point: the initializers above, then the NativeAOT runtime's DllMain --------------------
int __stdcall DllMain(void *instance, unsigned long reason, void *reserved);

int __stdcall _DllMainCRTStartup(void *instance, unsigned long reason, void *reserved)
{
    if (reason == 1) {
        for (PIFV *initializer = __xi_a + 1; initializer < __xi_z; initializer++) {
            if (*initializer != 0 && (*initializer)() != 0)
                return 0;
        }
        for (PVFV *constructor = __xc_a + 1; constructor < __xc_z; constructor++) {
            if (*constructor != 0)
                (*constructor)();
        }
        __dyn_tls_init(instance, reason, reserved); // the loader ran the TLS callback before these constructors
    }
    return DllMain(instance, reason, reserved);
}
} // extern "C"

// ---- the nothrow operator new and sized delete of libcpmt, over the UCRT heap ------------------------
namespace std {
struct nothrow_t {
    explicit nothrow_t() = default;
};
extern const nothrow_t nothrow;
const nothrow_t nothrow{};
} // namespace std

void *operator new(size_t size, const std::nothrow_t &) noexcept { return malloc(size != 0 ? size : 1); }
void *operator new[](size_t size, const std::nothrow_t &) noexcept { return malloc(size != 0 ? size : 1); }
void operator delete(void *block, size_t) noexcept { free(block); }
void operator delete[](void *block) noexcept { free(block); }
