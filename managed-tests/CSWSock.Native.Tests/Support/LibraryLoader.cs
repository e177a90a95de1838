using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CSWSock.Native.Tests.Support;

/// <summary>Binds every [DllImport("cswsock11")] of this assembly to the built library.</summary>
internal static class LibraryLoader
{
    public const string Name = "cswsock11";

    [ModuleInitializer]
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(LibraryLoader).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Name)
            return IntPtr.Zero;
        if (!File.Exists(Repository.Library))
            throw new FileNotFoundException("Build the library first (build/build.sh)", Repository.Library);
        return NativeLibrary.Load(Repository.Library);
    }
}
