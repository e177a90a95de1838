using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CSWSock.Header;

namespace CSWSock.Bindings;

/// <summary>
/// The Free Pascal / Delphi unit bindings/pascal/cswsock11.pas, made from cswsock11.h as clang-14
/// reads it for Linux in C (types as the header writes them): every function, the generic names
/// (W with UNICODE, A without), every constant of the families the header defines, every structure
/// and typedef, and the INETEVENTPROC callback type.
/// </summary>
internal static class PascalUnit
{
    public const string RelativePath = "bindings/pascal/cswsock11.pas";

    /// <summary>The C types the header's typedefs rest on, as Pascal names them.</summary>
    private static readonly Dictionary<string, string> BaseTypes = new()
    {
        ["int32_t"] = "LongInt",
        ["uint32_t"] = "LongWord",
        ["uint8_t"] = "Byte",
        ["uintptr_t"] = "NativeUInt",
        ["uint_least16_t"] = "WideChar",
        ["char16_t"] = "WideChar",
        ["char"] = "AnsiChar",
        ["void *"] = "Pointer",
    };

    /// <summary>Typedefs given a Pascal type by name: BOOL and HWND as Delphi's Windows unit has them.</summary>
    private static readonly Dictionary<string, string> NamedTypes = new() { ["BOOL"] = "LongBool", ["HWND"] = "NativeUInt" };

    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "array", "as", "asm", "begin", "case", "class", "const", "constructor", "destructor", "div", "do",
        "downto", "else", "end", "except", "exports", "file", "finalization", "finally", "for", "function", "goto",
        "if", "implementation", "in", "inherited", "initialization", "inline", "interface", "is", "label", "library",
        "mod", "nil", "not", "object", "of", "on", "operator", "or", "out", "packed", "procedure", "program",
        "property", "raise", "record", "repeat", "resourcestring", "result", "self", "set", "shl", "shr", "string",
        "then", "threadvar", "to", "try", "type", "unit", "until", "uses", "var", "while", "with", "xor",
    };

    private const string Convention = "{$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF}";

    public static string Generate()
    {
        string header = File.ReadAllText(SourceTree.Header);
        var ansiTypes = HeaderTypes.Read(HeaderTarget.LinuxC);
        var unicodeTypes = HeaderTypes.Read(HeaderTarget.LinuxC, "-DUNICODE");
        var functions = HeaderFunctions.Read(HeaderTarget.LinuxC);
        var ansiMacros = HeaderMacros.Definitions(HeaderTarget.Linux);
        var unicodeMacros = HeaderMacros.Definitions(HeaderTarget.Linux, "-DUNICODE");

        var ansi = new TypeNames(ansiTypes);
        var unicode = new TypeNames(unicodeTypes);
        var byName = functions.ToDictionary(function => function.Name);

        var text = new StringBuilder();
        text.Append(Preamble);
        WriteTypes(text, ansi, unicode, functions);
        WriteConstants(text, header, ansiMacros, byName.Keys.ToHashSet());
        text.Append("\n{ Functions, as the header declares them. }\n\n");
        foreach (var function in functions)
            WriteFunction(text, function.Name, function);
        WriteGenericNames(text, header, ansiMacros, unicodeMacros, byName);
        text.Append("\nimplementation\n\nend.\n");
        return text.ToString();
    }

    /// <summary>The header's typedefs and structures, in its order; those UNICODE changes twice.</summary>
    private static void WriteTypes(StringBuilder text, TypeNames ansi, TypeNames unicode, IReadOnlyList<HeaderFunction> functions)
    {
        text.Append("type\n");
        var unicodeLines = unicode.Declarations.ToDictionary(declaration => declaration.Name, declaration => declaration.Pascal);
        // A run of declarations UNICODE changes goes in one {$IFDEF UNICODE} block.
        var run = new List<string>();
        foreach (var (name, pascal) in ansi.Declarations.Append(("", "")))
        {
            if (name.Length > 0 && unicodeLines[name] != pascal)
            {
                run.Add(name);
                continue;
            }
            if (run.Count > 0)
            {
                text.Append("{$IFDEF UNICODE}\n").AppendJoin("", run.Select(other => unicodeLines[other]))
                    .Append("{$ELSE}\n").AppendJoin("", run.Select(other => ansi.Declarations.First(declaration => declaration.Name == other).Pascal))
                    .Append("{$ENDIF}\n");
                run.Clear();
            }
            text.Append(pascal);
        }
        // Pointer parameters of types the header names no pointer type for ("SOCKET *").
        var extra = functions.SelectMany(function => function.Parameters).Select(parameter => parameter.Type)
            .Where(type => type.EndsWith(" *", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (extra.Count > 0)
        {
            text.Append("\n  { Pointer types of parameters the header writes as T *. }\n");
            foreach (string type in extra)
                text.Append($"  {PointerName(type)} = ^{ansi.Pascal(type[..^2])};\n");
        }
    }

    private static string PointerName(string type) => "P" + type[..^2].Replace("const ", "").Trim();

    private static void WriteConstants(StringBuilder text, string header, IReadOnlyDictionary<string, string> macros, HashSet<string> functions)
    {
        var names = BindingConstants.Names(header, macros, functions, "Pascal unit's");
        var integers = names.Where(name => !Regex.IsMatch(macros[name], @"^\(~\(\w+\)0\)$")).ToList();
        var values = HeaderMacros.Values(integers);

        text.Append("\n{ Constants: options, protocols, events, error codes... (the header's #defines). }\n\nconst\n");
        foreach (string name in names)
        {
            string body = macros[name];
            var allOnes = Regex.Match(body, @"^\(~\((?<type>\w+)\)0\)$");
            string value;
            if (allOnes.Success)
                value = $"{allOnes.Groups["type"].Value}(not {allOnes.Groups["type"].Value}(0))";
            else
            {
                long number = values[name];
                var hex = Regex.Match(body, @"^0[xX](?<digits>[0-9A-Fa-f]+)");
                value = hex.Success && number >= 0
                    ? "$" + number.ToString("X", CultureInfo.InvariantCulture).PadLeft(hex.Groups["digits"].Length, '0')
                    : number.ToString(CultureInfo.InvariantCulture);
            }
            text.Append($"  {name} = {value};\n");
        }
    }

    private static void WriteFunction(StringBuilder text, string pascalName, HeaderFunction function)
    {
        var types = function.Parameters.Select(parameter => ParameterType(parameter.Type)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string parameters = string.Join("; ", function.Parameters.Select(parameter =>
            $"{Identifier(parameter.Name, types)}: {ParameterType(parameter.Type)}"));
        string list = parameters.Length > 0 ? $"({parameters})" : "";
        string result = function.ReturnType is "void" or "VOID" ? "" : $": {function.ReturnType}";
        string kind = result.Length == 0 ? "procedure" : "function";
        text.Append($"{kind} {pascalName}{list}{result};\n  {Convention}; external cswsock11lib name '{function.Name}';\n");
    }

    private static string ParameterType(string type) =>
        type.EndsWith(" *", StringComparison.Ordinal) ? PointerName(type) : type.Replace("const ", "");

    /// <summary>The generic names: the W form under UNICODE, the A form without.</summary>
    private static void WriteGenericNames(StringBuilder text, string header, IReadOnlyDictionary<string, string> ansiMacros,
        IReadOnlyDictionary<string, string> unicodeMacros, Dictionary<string, HeaderFunction> functions)
    {
        var generic = ansiMacros.Where(macro => functions.ContainsKey(macro.Value)).Select(macro => macro.Key)
            .OrderBy(name => BindingConstants.Position(header, name)).ToList();
        text.Append("\n{ Generic names: the W forms with UNICODE (Delphi 2009 and later define it), the A forms without. }\n\n{$IFDEF UNICODE}\n");
        foreach (string name in generic)
            WriteFunction(text, name, functions[unicodeMacros[name]]);
        text.Append("{$ELSE}\n");
        foreach (string name in generic)
            WriteFunction(text, name, functions[ansiMacros[name]]);
        text.Append("{$ENDIF}\n");
    }

    /// <summary>
    /// A C name as a Pascal identifier: one that is a reserved word, or the name of a type used beside
    /// it (Pascal names are case-insensitive), gets a trailing _.
    /// </summary>
    private static string Identifier(string name, HashSet<string> types) =>
        ReservedWords.Contains(name) || types.Contains(name) ? name + "_" : name;

    /// <summary>The header's typedefs and structures for one set of defines, as Pascal declarations.</summary>
    private sealed class TypeNames
    {
        private readonly Dictionary<string, string> _typedefs;

        public TypeNames(IReadOnlyList<object> declarations)
        {
            _typedefs = declarations.OfType<HeaderTypedef>().ToDictionary(typedef => typedef.Name, typedef => typedef.Type);
            Names = declarations.Select(declaration => declaration switch
            {
                HeaderRecord record => record.Name,
                HeaderTypedef typedef => typedef.Name,
                _ => throw new InvalidOperationException(),
            }).ToList();
            Declarations = declarations.Select(declaration => declaration switch
            {
                HeaderRecord record => (record.Name, "\n" + Record(record)),
                HeaderTypedef typedef => (typedef.Name, Typedef(typedef)),
                _ => throw new InvalidOperationException(),
            }).ToList();
        }

        public List<string> Names { get; }

        public List<(string Name, string Pascal)> Declarations { get; }

        private string Record(HeaderRecord record)
        {
            var text = new StringBuilder($"  {record.Name} = record\n");
            var names = record.Fields.Select(field => Pascal(field.Type)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var field in record.Fields)
                text.Append($"    {Identifier(field.Name, names)}: {Pascal(field.Type)};\n");
            return text.Append("  end;\n").ToString();
        }

        private string Typedef(HeaderTypedef typedef)
        {
            if (typedef.Type.Contains("(*)", StringComparison.Ordinal))
                return $"  {typedef.Name} = {Procedure(typedef)};\n";
            string pascal = NamedTypes.TryGetValue(typedef.Name, out var named) ? named : Pascal(typedef.Type);
            // Pascal names are case-insensitive: BYTE = Byte would name itself.
            if (string.Equals(pascal, typedef.Name, StringComparison.OrdinalIgnoreCase))
                pascal = "System." + pascal;
            return $"  {typedef.Name} = {pascal};\n";
        }

        /// <summary>A callback type, with its parameter names from the declaration's text.</summary>
        private string Procedure(HeaderTypedef typedef)
        {
            var written = Regex.Match(typedef.Source, $@"^typedef\s+(?<result>\w+)\s*\(\s*\w*\s*\*\s*{typedef.Name}\s*\)\s*(?<parameters>\(.*\))\s*$", RegexOptions.Singleline);
            if (!written.Success)
                throw new InvalidOperationException($"cannot read the callback type {typedef.Source}");
            var signature = FunctionSignature.Parse("x " + written.Groups["parameters"].Value);
            var split = signature.Parameters.Select(parameter => Regex.Match(parameter, @"^(?<type>.*?)\s*\b(?<name>\w+)$")).ToList();
            var names = split.Select(parts => ParameterType(parts.Groups["type"].Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            string parameters = string.Join("; ", split.Select(parts =>
                $"{Identifier(parts.Groups["name"].Value, names)}: {ParameterType(parts.Groups["type"].Value)}"));
            bool isProcedure = written.Groups["result"].Value is "void" or "VOID";
            return (isProcedure ? "procedure" : "function") + $"({parameters})" +
                (isProcedure ? "" : $": {written.Groups["result"].Value}") + $"; {Convention}";
        }

        /// <summary>A C type as written ("const WCHAR *", "BYTE[16]", "struct _X *") in Pascal.</summary>
        public string Pascal(string type)
        {
            type = type.Replace("const ", "").Replace("struct ", "").Trim();
            if (BaseTypes.TryGetValue(type, out var pascal))
                return pascal;
            var array = Regex.Match(type, @"^(?<element>.+)\[(?<length>\d+)\]$");
            if (array.Success)
                return $"array[0..{int.Parse(array.Groups["length"].Value, CultureInfo.InvariantCulture) - 1}] of {Pascal(array.Groups["element"].Value)}";
            if (type.EndsWith('*'))
            {
                string target = type[..^1].Trim();
                return Resolve(target) switch
                {
                    "char" => "PAnsiChar",
                    "WCHAR" => "PWideChar",
                    "void" => "Pointer",
                    _ => "^" + Pascal(target),
                };
            }
            return type;
        }

        /// <summary>The name a typedef chain ends in: WCHAR for the UTF-16 unit, else the C type.</summary>
        private string Resolve(string type)
        {
            while (type != "WCHAR" && _typedefs.TryGetValue(type, out var target))
                type = target.Replace("const ", "").Trim();
            return type;
        }
    }

    private const string Preamble = """
        (* cswsock11.pas - Free Pascal and Delphi bindings of cswsock11, the open re-implementation of the
          SocketTools 11 SocketWrench library (cswsock11.dll, libcswsock11.so).

          GENERATED from include/cswsock11.h by tools/CSWSock.Bindings (build/bindings.sh): do not edit;
          change the header and run build/bindings.sh. The interface check fails when this file is not
          the generator's output for the header. The header's comments document every function.

          Using it
            uses cswsock11;  with the unit's folder on the unit path (fpc -Fu..., Delphi: the search path).
            Free Pascal: fpc -Mdelphi (the unit sets {$MODE DELPHI} for itself as well).
            The names, parameters, structures and constants are the header's: LPCSTR is PAnsiChar,
            LPCWSTR is PWideChar (UTF-16 on every platform, as WCHAR in the header), SOCKET and
            DWORD_PTR are NativeUInt, BOOL is LongBool, pointers to structures are ^_RECORD (LPINETINITDATA).
            Structures have C's layout ({$PACKRECORDS C} in Free Pascal, {$ALIGN 8} in Delphi).
            The ...A functions take ANSI text (UTF-8 on Linux), the ...W functions UTF-16. A generic name
            (InetConnect) is the W form when UNICODE is defined (Delphi 2009 and later define it) and the
            A form otherwise, as in the header.

          Calling convention: stdcall on Windows, cdecl elsewhere (the header's WINAPI and CALLBACK);
          an INETEVENTPROC callback must be declared with the same directive:
            procedure OnEvent(hSocket: SOCKET; nEventId: UINT; dwError: DWORD; dwParam: DWORD_PTR);
              {$IFDEF MSWINDOWS}stdcall{$ELSE}cdecl{$ENDIF};

          Threads: callbacks (INETEVENTPROC: event-mode handles, InetServerStart) run on the library's
          threads, not the program's. A Free Pascal program on Unix must put cthreads first in its uses
          clause (uses cthreads, cswsock11, ...), or its memory manager and exceptions are not
          thread-safe; a Delphi program sets IsMultiThread := True before the first callback can run.

          The library's name: cswsock11.dll on Windows, libcswsock11.so elsewhere (linked as
          -lcswsock11; at run time the loader finds cswsock11.so through its usual search, e.g.
          LD_LIBRARY_PATH or an rpath). To use another name or path, define CSWSOCK11_LIB
          (fpc -dCSWSOCK11_LIB, or Delphi's project defines) and put a file cswsock11lib.inc on the
          include path holding the constant, e.g.
            const cswsock11lib = '/opt/cswsock11/libcswsock11.so';
        *)
        unit cswsock11;

        {$IFDEF FPC}
          {$MODE DELPHI}
          {$PACKRECORDS C}
        {$ELSE}
          {$ALIGN 8}
        {$ENDIF}
        {$MINENUMSIZE 4}

        interface

        {$IFDEF CSWSOCK11_LIB}
          {$I cswsock11lib.inc}
        {$ELSE}
        const
          {$IFDEF MSWINDOWS}
          cswsock11lib = 'cswsock11.dll';
          {$ELSE}
          cswsock11lib = 'libcswsock11.so';
          {$ENDIF}
        {$ENDIF}

        { Types and structures, as the header declares them (its Windows names on every platform). }


        """;
}
