using System.Runtime.InteropServices;
using CSWSock.Core;
using CSWSock.Core.Errors;

namespace CSWSock.Native.Interop;

/// <summary>INETINITDATA of the header: version information InetInitialize fills in.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct InetInitData
{
    public uint dwSize;
    public uint dwVersion;
    public uint dwBuild;

    /// <summary>Fills the members the caller's dwSize covers; dwSize must cover dwVersion at least.</summary>
    public static void Fill(InetInitData* data)
    {
        if (data == null)
            return;
        uint size = data->dwSize;
        if (!SizedStruct.Covers(data, size, &data->dwVersion, sizeof(uint)))
            throw new InetException(ErrorCode.ST_ERROR_INVALID_PARAMETER, "INETINITDATA.dwSize is too small");
        var version = Library.Version;
        data->dwVersion = (uint)(version.Major << 16 | version.Minor);
        if (SizedStruct.Covers(data, size, &data->dwBuild, sizeof(uint)))
            data->dwBuild = (uint)version.Build;
    }
}
