using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CSWSock.Header;

namespace CSWSock.Bindings;

/// <summary>
/// The VB6 module bindings/vb6/cswsock11.bas, made from cswsock11.h as clang-14 reads it (types as
/// the header writes them, for Linux in C; constant values for 32-bit Windows, where VB6 runs): a
/// Declare for every export, the constants as Public Const ... As Long, the structures as Types
/// with C's 32-bit layout. VB6 reads CRLF lines, so the file has them.
/// </summary>
internal static class Vb6Module
{
    public const string RelativePath = "bindings/vb6/cswsock11.bas";

    private const string Library = "cswsock11.dll";

    /// <summary>How each parameter type the header writes is passed from 32-bit VB6 (4 bytes each).</summary>
    private static readonly Dictionary<string, string> Parameters = new()
    {
        ["SOCKET"] = "ByVal {0} As Long",
        ["UINT"] = "ByVal {0} As Long",
        ["INT"] = "ByVal {0} As Long",
        ["DWORD"] = "ByVal {0} As Long",
        ["DWORD_PTR"] = "ByVal {0} As Long",
        ["BOOL"] = "ByVal {0} As Long",
        ["HWND"] = "ByVal {0} As Long",
        ["INETEVENTPROC"] = "ByVal {0} As Long",
        ["LPCSTR"] = "ByVal {0} As String",
        ["LPSTR"] = "ByVal {0} As String",
        ["LPCWSTR"] = "ByVal {0} As Long",
        ["LPWSTR"] = "ByVal {0} As Long",
        ["LPINT"] = "{0} As Long",
        ["LPUINT"] = "{0} As Long",
        ["LPDWORD"] = "{0} As Long",
        ["SOCKET *"] = "{0} As Long",
        ["LPBYTE"] = "{0} As Byte",
    };

    /// <summary>The function results, all 32-bit: SOCKET handles, INT, BOOL and DWORD values.</summary>
    private static readonly string[] LongResults = ["SOCKET", "INT", "BOOL", "DWORD"];

    /// <summary>The C types of structure members, as VB6 Type members of the same size.</summary>
    private static readonly Dictionary<string, string> Members = new()
    {
        ["DWORD"] = "Long",
        ["INT"] = "Long",
        ["UINT"] = "Long",
        ["BYTE"] = "Byte",
        ["char"] = "Byte",
        ["WCHAR"] = "Integer",
        ["LPCSTR"] = "Long",
        ["LPCWSTR"] = "Long",
    };

    /// <summary>VB6 words a header name must not be (the generator stops rather than rename).</summary>
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Alias", "And", "As", "Boolean", "ByRef", "Byte", "ByVal", "Call", "Case", "Const", "Currency", "Date", "Declare",
        "Dim", "Do", "Double", "Each", "Else", "End", "Enum", "Error", "Event", "Exit", "False", "For", "Function", "Get",
        "GoTo", "If", "In", "Integer", "Is", "Len", "Let", "Lib", "Like", "Long", "Loop", "Me", "Mod", "Name", "New", "Next",
        "Not", "Nothing", "Object", "On", "Option", "Optional", "Or", "Private", "Property", "Public", "ReDim", "Resume",
        "Select", "Set", "Single", "Static", "Step", "Stop", "String", "Sub", "Then", "To", "True", "Type", "Until",
        "Variant", "Wend", "While", "With", "Xor",
    };

    public static string Generate()
    {
        string header = File.ReadAllText(SourceTree.Header);
        var types = HeaderTypes.Read(HeaderTarget.LinuxC);
        var functions = HeaderFunctions.Read(HeaderTarget.LinuxC);
        var macros = HeaderMacros.Definitions(HeaderTarget.Linux);
        var names = functions.Select(function => function.Name).ToHashSet();
        var structurePointers = types.OfType<HeaderTypedef>()
            .Where(typedef => Regex.IsMatch(typedef.Type, @"^struct _\w+ \*$")).Select(typedef => typedef.Name).ToHashSet();

        var text = new StringBuilder(Preamble);
        WriteConstants(text, header, macros, names);
        text.Append("\n' Structures: C's 32-bit layout (char and BYTE arrays as Byte, WCHAR arrays as Integer, pointers\n' as Long). Pass one to a function as VarPtr(variable).\n");
        foreach (var record in types.OfType<HeaderRecord>())
            WriteType(text, record);
        text.Append("\n' Functions: the A form under the generic name (Alias \"NameA\"), the others under their own.\n\n");
        foreach (var function in functions.Where(function => !IsWide(function, names)))
            WriteDeclare(text, function, names, structurePointers);
        text.Append("\n' The W (UTF-16) forms: strings as ByVal Long, StrPtr(s) for input and for a buffer\n' pre-sized with String$(n, 0).\n\n");
        foreach (var function in functions.Where(function => IsWide(function, names)))
            WriteDeclare(text, function, names, structurePointers);
        return text.ToString().Replace("\n", "\r\n");
    }

    private static bool IsWide(HeaderFunction function, HashSet<string> names) =>
        function.Name.EndsWith('W') && names.Contains(function.Name[..^1] + "A");

    private static void WriteConstants(StringBuilder text, string header, IReadOnlyDictionary<string, string> macros, HashSet<string> functions)
    {
        var names = BindingConstants.Names(header, macros, functions, "VB6 module's");
        // VB6 runs 32-bit: INVALID_SOCKET and INFINITE are 0xFFFFFFFF there.
        var values = ClangConstants.Evaluate(HeaderTarget.Windows32, names.ToDictionary(name => name));
        text.Append("\n' Constants: options, protocols, events, error codes... (the header's #defines), all Long.\n\n");
        foreach (string name in names)
        {
            long value = values[name];
            if (value is < int.MinValue or > uint.MaxValue)
                throw new InvalidOperationException($"{name} ({value}) does not fit a VB6 Long");
            // Hexadecimal where the header writes it (and for all-ones values), with the trailing & that
            // makes VB6 read it as a Long (&H8000 alone is the Integer -32768).
            bool hex = Regex.IsMatch(macros[name], @"^(0[xX]|\(~)") || value > int.MaxValue;
            string literal = hex
                ? "&H" + unchecked((uint)value).ToString("X", CultureInfo.InvariantCulture) + "&"
                : value.ToString(CultureInfo.InvariantCulture);
            text.Append($"Public Const {Identifier(name)} As Long = {literal}\n");
        }
    }

    private static void WriteType(StringBuilder text, HeaderRecord record)
    {
        text.Append($"\nPublic Type {Identifier(record.Name.TrimStart('_'))}\n");
        foreach (var field in record.Fields)
        {
            var array = Regex.Match(field.Type, @"^(?<element>\w+)\[(?<length>\d+)\]$");
            string element = array.Success ? array.Groups["element"].Value : field.Type;
            if (!Members.TryGetValue(element, out var vb))
                throw new InvalidOperationException($"{record.Name}.{field.Name} is {field.Type}, which the VB6 module's generator does not map: add it to Vb6Module.Members");
            string bounds = array.Success ? $"(0 To {int.Parse(array.Groups["length"].Value, CultureInfo.InvariantCulture) - 1})" : "";
            text.Append($"    {Identifier(field.Name)}{bounds} As {vb}\n");
        }
        text.Append("End Type\n");
    }

    private static void WriteDeclare(StringBuilder text, HeaderFunction function, HashSet<string> names, HashSet<string> structurePointers)
    {
        bool ansi = function.Name.EndsWith('A') && names.Contains(function.Name[..^1] + "W");
        string name = ansi ? function.Name[..^1] : function.Name;
        string alias = ansi ? $" Alias \"{function.Name}\"" : "";
        var parameters = function.Parameters.Select(parameter => Parameter(function, parameter, structurePointers)).ToList();
        bool isSub = function.ReturnType is "VOID" or "void";
        if (!isSub && !LongResults.Contains(function.ReturnType))
            throw new InvalidOperationException($"{function.Name} returns {function.ReturnType}, which the VB6 module's generator does not map");
        string start = $"Public Declare {(isSub ? "Sub" : "Function")} {name} Lib \"{Library}\"{alias} (";
        string end = ")" + (isSub ? "" : " As Long");
        string line = start + string.Join(", ", parameters) + end;
        // VB6 lines stay readable and well under its limits (1023 characters, 24 continuations).
        if (line.Length > 110)
            line = start + " _\n" + string.Join(", _\n", parameters.Select(parameter => "    " + parameter)) + end;
        text.Append(line).Append('\n');
    }

    private static string Parameter(HeaderFunction function, HeaderParameter parameter, HashSet<string> structurePointers)
    {
        string name = Identifier(parameter.Name);
        if (structurePointers.Contains(parameter.Type))
            return $"ByVal {name} As Long";
        if (!Parameters.TryGetValue(parameter.Type, out var format))
            throw new InvalidOperationException($"{function.Name}'s {parameter.Name} is {parameter.Type}, which the VB6 module's generator does not map: add it to Vb6Module.Parameters");
        return string.Format(CultureInfo.InvariantCulture, format.StartsWith("ByVal", StringComparison.Ordinal) ? format : "ByRef " + format, name);
    }

    private static string Identifier(string name) =>
        ReservedWords.Contains(name) || name.StartsWith('_')
            ? throw new InvalidOperationException($"{name} is not a VB6 identifier: the VB6 module's generator needs a rule for it")
            : name;

    private const string Preamble = """
        Attribute VB_Name = "cswsock11"
        ' cswsock11.bas - Visual Basic 6 declarations of cswsock11, the open re-implementation of the
        ' SocketTools 11 SocketWrench library. VB6 is 32-bit: it needs the win-x86 cswsock11.dll, in the
        ' program's folder or on the PATH (in the IDE: beside VB6.EXE, or the project's folder).
        '
        ' GENERATED from include/cswsock11.h by tools/CSWSock.Bindings (build/bindings.sh): do not edit;
        ' change the header and run build/bindings.sh. The interface check fails when this file is not
        ' the generator's output, and reads it as VB6 would: every export declared once, with the
        ' header's parameter count and the 32-bit stack bytes of cswsock11.x86.def, every constant the
        ' header's value, every Type C's 32-bit size and offsets. No VB6 compiler exists where it is
        ' made: it has not been compiled by VB6. The header's comments document every function.
        '
        ' Add it to a project (Project > Add Module). bindings/vb6/sample is a client with events.
        '
        ' What VB6 cannot do
        '   Callbacks. VB6 cannot run code on a thread it did not create, and the library calls an
        '   INETEVENTPROC (InetRegisterEvent, InetServerStart, InetAsyncConnect with hEventWnd 0) on its
        '   own threads: AddressOf a VB6 procedure passed there crashes the program. Those parameters
        '   are declared ByVal ... As Long only so that every export is here. Use the window messages
        '   instead (contract section 12): InetAsyncConnect, InetAsyncConnectEx, InetAsyncListen,
        '   InetAsyncListenEx and InetAsyncAccept with a form's hWnd and a message number
        '   (WM_USER + n). The library posts the message, so it arrives on the form's (the UI) thread:
        '   subclass the form (SetWindowLong GWL_WNDPROC with AddressOf a WindowProc in a .bas module)
        '   or a hidden window. wParam is the handle, lParam And &HFFFF& the INET_EVENT_* id,
        '   (lParam And &HFFFF0000) \ &H10000 And &HFFFF& the Winsock error (0: none).
        '   The threaded server (InetServerStart) is for callers with threads: not from VB6.
        '
        ' Types and values
        '   Handles (SOCKET), INT, UINT, DWORD, DWORD_PTR, BOOL and HWND are Long (ByVal). A handle is an
        '   unsigned value that may print as negative in VB6; compare it with INVALID_SOCKET (-1).
        '   BOOL results are 1 (C's TRUE) or 0, not VB6's True (-1): test them with <> 0.
        '   Constants above &H7FFFFFFF (error codes, INVALID_SOCKET, INFINITE) are the negative Longs of
        '   the same 32 bits: &H80040001& and ST_ERROR_NOT_INITIALIZED are both what InetGetLastError
        '   returns.
        '
        ' Strings
        '   The A forms are declared under the generic names (InetConnect, Alias "InetConnectA"): their
        '   text is ByVal ... As String, which VB6 converts to the ANSI code page and back. A buffer the
        '   library writes (LPSTR) must be pre-sized: s = String$(256, 0), then cut at the first
        '   Chr$(0). Pass vbNullString for a NULL string.
        '   The W forms (InetConnectW, ...) are declared with ByVal ... As Long for their strings and
        '   structures: pass StrPtr(s) (UTF-16, no conversion), or 0 for NULL.
        '
        ' Pointers
        '   A pointer to a structure is ByVal ... As Long: pass VarPtr(variable), or 0 where the header
        '   allows NULL (lpCredentials, lpData). The Types below have no String members, so VarPtr
        '   gives the structure's own memory. Their string members (SECURITYCREDENTIALSA) are Long
        '   pointers to ANSI text the program keeps alive, e.g. a Byte array of
        '   StrConv(s & vbNullChar, vbFromUnicode) and VarPtr(bytes(0)); text arrays (SECURITYINFOA) are
        '   Byte arrays (a String * n member would be converted and lose C's layout): read them with
        '   StrConv(bytes, vbUnicode) up to the first Chr$(0).
        '   LPINT, LPUINT, LPDWORD and SOCKET * are ByRef ... As Long; LPBYTE buffers are ByRef ... As
        '   Byte: pass the first element of a Byte array, buffer(0). A ByRef parameter cannot be NULL:
        '   where the header gives NULL a meaning (InetRead's lpBuffer NULL to count waiting bytes),
        '   add a Private Declare of your own with ByVal ... As Long under another name (Alias).

        """;
}
