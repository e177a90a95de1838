using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CSWSock.Native.Interop;

/// <summary>
/// The NativeAOT runtime cannot be unloaded, so once it has started (the first call into the
/// library) the DLL pins itself: a later FreeLibrary is harmless (contract §1). Linux gets the same
/// from the NODELETE flag set at link time.
/// </summary>
internal static unsafe class PinnedModule
{
    private const uint GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS = 0x4;
    private const uint GET_MODULE_HANDLE_EX_FLAG_PIN = 0x1;

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "The pin must happen when the runtime starts, before any export runs.")]
    internal static void Pin()
    {
        if (!OperatingSystem.IsWindows())
            return;
        delegate*<void> self = &Pin;
        GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_PIN, self, out _);
    }

    [DllImport("kernel32", EntryPoint = "GetModuleHandleExW")]
    private static extern int GetModuleHandleExW(uint flags, void* address, out nint module);
}
