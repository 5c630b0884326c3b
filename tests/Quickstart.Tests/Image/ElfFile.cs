using System.Buffers.Binary;
using System.Text;

namespace Quickstart.Tests.Image;

/// <summary>
/// What the dynamic loader reads from a 64-bit little-endian ELF file: its machine, its program interpreter
/// (PT_INTERP) and the shared libraries it needs (DT_NEEDED), read through the program headers as the loader does,
/// so a stripped file (no section headers) reads the same. No readelf needed, and any architecture reads on any host.
/// </summary>
internal sealed record ElfFile(ElfMachine Machine, string? Interpreter, IReadOnlyList<string> Needed)
{
    private const uint LoadSegment = 1;
    private const uint DynamicSegment = 2;
    private const uint InterpreterSegment = 3;
    private const long NeededTag = 1;
    private const long StringTableTag = 5;

    public static ElfFile Read(string path) => Parse(File.ReadAllBytes(path), path);

    public static ElfFile Parse(byte[] file, string name)
    {
        if (file.Length < 64 || !file.AsSpan(0, 4).SequenceEqual("\u007fELF"u8))
        {
            throw new InvalidDataException($"{name} is not an ELF file");
        }

        if (file[4] != 2 || file[5] != 1)
        {
            throw new InvalidDataException($"{name} is not a 64-bit little-endian ELF file");
        }

        var machine = (ElfMachine)BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x12));
        var headersOffset = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(0x20)));
        var headerSize = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x36));
        var headerCount = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(0x38));

        var segments = new List<Segment>();
        for (var i = 0; i < headerCount; i++)
        {
            var header = file.AsSpan(headersOffset + (i * headerSize), headerSize);
            segments.Add(new Segment(
                BinaryPrimitives.ReadUInt32LittleEndian(header),
                BinaryPrimitives.ReadUInt64LittleEndian(header[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(header[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(header[32..])));
        }

        var interpreter = segments.Where(s => s.Type == InterpreterSegment).Select(s => CString(file, s.Offset)).SingleOrDefault();
        var dynamic = segments.SingleOrDefault(s => s.Type == DynamicSegment);
        if (dynamic is null)
        {
            return new ElfFile(machine, interpreter, []); // statically linked
        }

        var entries = new List<(long Tag, ulong Value)>();
        for (var offset = dynamic.Offset; offset + 16 <= dynamic.Offset + dynamic.FileSize; offset += 16)
        {
            var tag = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(checked((int)offset)));
            if (tag == 0)
            {
                break;
            }

            entries.Add((tag, BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(checked((int)offset + 8)))));
        }

        // DT_STRTAB is a virtual address: the loadable segment that maps it says where it is in the file.
        var stringTableAddress = entries.Single(e => e.Tag == StringTableTag).Value;
        var load = segments.Single(s => s.Type == LoadSegment && s.VirtualAddress <= stringTableAddress && stringTableAddress < s.VirtualAddress + s.FileSize);
        var stringTable = stringTableAddress - load.VirtualAddress + load.Offset;
        var needed = entries.Where(e => e.Tag == NeededTag).Select(e => CString(file, stringTable + e.Value)).ToList();
        return new ElfFile(machine, interpreter, needed);
    }

    private static string CString(byte[] file, ulong offset)
    {
        var start = file.AsSpan(checked((int)offset));
        return Encoding.ASCII.GetString(start[..start.IndexOf((byte)0)]);
    }

    private sealed record Segment(uint Type, ulong Offset, ulong VirtualAddress, ulong FileSize);
}

/// <summary>e_machine values of the architectures the image is built for.</summary>
internal enum ElfMachine
{
    X86_64 = 62,
    Aarch64 = 183,
}
