using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Inference.Native.Interop;
using Xunit.Abstractions;

using Inference.Testing;

namespace Inference.Native.Tests;

/// <summary>
/// Asks the C compiler for the size and every field offset of each struct we mirror, using the
/// llama.h of the pinned release (fetched by build/fetch-natives.sh), and compares with .NET's.
/// </summary>
public class StructLayoutTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_mirrored_struct_matches_llama_h_field_by_field()
    {
        var structs = typeof(LlamaNative).Assembly.GetTypes()
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<NativeStructAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToList();
        Assert.True(structs.Count >= 10, "expected the interop structs to carry [NativeStruct]");

        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        var program = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include \"llama.h\"\nint main(void) {\n");
        foreach (var (type, attribute) in structs)
        {
            var cType = CTypeName(attribute!.CName);
            program.Append($"  printf(\"{attribute.CName} sizeof %zu\\n\", sizeof({cType}));\n");
            expected[$"{attribute.CName} sizeof"] = ManagedSize(type);
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                var cField = field.Name;
                program.Append($"  printf(\"{attribute.CName}.{cField} %zu\\n\", offsetof({cType}, {cField}));\n");
                expected[$"{attribute.CName}.{cField}"] = RawOffsetOf(type, field);
            }
        }

        program.Append("  return 0;\n}\n");
        var actual = CompileAndRun(program.ToString());

        var mismatches = expected
            .Where(e => !actual.TryGetValue(e.Key, out var c) || c != e.Value)
            .Select(e => $"{e.Key}: C# {e.Value}, C {(actual.TryGetValue(e.Key, out var c) ? c : -1)}")
            .ToList();
        output.WriteLine($"checked {expected.Count} sizes and offsets in {structs.Count} structs");
        Assert.Empty(mismatches);
    }

    // Structs the header declares as "typedef struct X {...} X;" or plain "struct X".
    private static string CTypeName(string name) => "struct " + name;

    /// <summary>
    /// The field's offset in the struct's raw memory, the layout that crosses the boundary under
    /// DisableRuntimeMarshalling (Marshal.OffsetOf would report the marshalled layout, where a
    /// bool is 4 bytes). Found by setting the field to a value whose first byte is non-zero in a
    /// zeroed box and looking for that byte.
    /// </summary>
    private static unsafe long RawOffsetOf(Type type, FieldInfo field)
    {
        var boxed = Activator.CreateInstance(type)!;
        field.SetValue(boxed, FirstByteNonZero(field.FieldType));
        ref var start = ref Unsafe.As<StrongBox<byte>>(boxed).Value!;
        var bytes = MemoryMarshal.CreateReadOnlySpan(ref start, (int)ManagedSize(type));
        return bytes.IndexOfAnyExcept((byte)0);
    }

    private static unsafe object FirstByteNonZero(Type t)
    {
        if (t == typeof(bool)) return true;
        if (t == typeof(float)) return BitConverter.Int32BitsToSingle(0x3F800001);
        if (t == typeof(double)) return BitConverter.Int64BitsToDouble(0x3FF0000000000001);
        if (t.IsEnum) return Enum.ToObject(t, 1);
        if (t.IsPointer) return Pointer.Box((void*)1, t);
        if (t.IsFunctionPointer || t == typeof(nint)) return (nint)1;
        if (t == typeof(nuint)) return (nuint)1;
        if (t.IsPrimitive) return Convert.ChangeType(1, t, System.Globalization.CultureInfo.InvariantCulture);
        // A fixed buffer: a struct wrapping its first element.
        var element = t.GetFields().Single();
        var inner = Activator.CreateInstance(t)!;
        element.SetValue(inner, FirstByteNonZero(element.FieldType));
        return inner;
    }

    private static long ManagedSize(Type type) =>
        (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;

    private Dictionary<string, long> CompileAndRun(string source)
    {
        var llamaSource = Path.Combine(RepositoryPaths.Root, "artifacts", "natives", "source");
        Run("bash", $"\"{Path.Combine(RepositoryPaths.Root, "build", "fetch-natives.sh")}\" source \"{llamaSource}\"");
        var include = Path.Combine(llamaSource, "llama.cpp");

        var work = Directory.CreateTempSubdirectory("llama-layout-");
        try
        {
            var c = Path.Combine(work.FullName, "layout.c");
            var exe = Path.Combine(work.FullName, "layout");
            File.WriteAllText(c, source);
            Run("cc", $"-std=c11 -I \"{include}/include\" -I \"{include}/ggml/include\" -o \"{exe}\" \"{c}\"");
            var text = Run(exe, "");
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' '))
                .ToDictionary(
                    parts => string.Join(' ', parts[..^1]),
                    parts => long.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture),
                    StringComparer.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            output.WriteLine(stderr);
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {stderr}");
        }

        return stdout.Result;
    }
}
