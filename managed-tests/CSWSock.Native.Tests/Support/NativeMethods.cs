using System.Runtime.InteropServices;

namespace CSWSock.Native.Tests.Support;

/// <summary>INETINITDATA, laid out as in the header.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct InetInitData
{
    public uint dwSize;
    public uint dwVersion;
    public uint dwBuild;
}

/// <summary>The exports, declared with raw pointers so tests control every byte passed.</summary>
internal static unsafe class NativeMethods
{
    [DllImport(LibraryLoader.Name)] public static extern int InetInitializeA(byte* lpszLicenseKey, InetInitData* lpData);
    [DllImport(LibraryLoader.Name)] public static extern int InetInitializeW(char* lpszLicenseKey, InetInitData* lpData);
    [DllImport(LibraryLoader.Name)] public static extern int InetInitialize(byte* lpszLicenseKey, InetInitData* lpData);
    [DllImport(LibraryLoader.Name)] public static extern void InetUninitialize();
    [DllImport(LibraryLoader.Name)] public static extern uint InetGetLastError();
    [DllImport(LibraryLoader.Name)] public static extern void InetSetLastError(uint dwErrorCode);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetErrorStringA(uint dwErrorCode, byte* lpszBuffer, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetErrorStringW(uint dwErrorCode, char* lpszBuffer, int nMaxLength);
    [DllImport(LibraryLoader.Name)] public static extern int InetGetErrorString(uint dwErrorCode, byte* lpszBuffer, int nMaxLength);
}
