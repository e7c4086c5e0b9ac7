using System.Runtime.InteropServices;

namespace PaperSearch.Indexer.Sources;

/// <summary>
/// What a path names (following symbolic links). .NET reports a FIFO, a socket or a device as an ordinary file
/// (<see cref="FileAttributes.Normal"/>), and opening a FIFO blocks until some writer opens it, which would hang
/// an import forever; so the type is read from the file system with Linux's statx(2), whose buffer layout is the
/// same on every architecture. Where statx is missing (macOS, Windows, old kernels) every file counts as regular.
/// </summary>
internal static class FileKind
{
    /// <summary>Null for a regular file; else what it is ("a FIFO", "a socket", …) for the message that skips it.</summary>
    public static string? NotRegular(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            if (statx(AtFdCwd, path, flags: 0, StatxType, out var status) != 0) return null; // vanished or unreadable: opening will say so
            return (status.Mode & TypeMask) switch
            {
                Regular => null,
                0x1000 => "a FIFO",
                0x2000 => "a character device",
                0x4000 => "a directory",
                0x6000 => "a block device",
                0xC000 => "a socket",
                var other => $"a special file (type {other >> 12:X})",
            };
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return null; }
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const ushort TypeMask = 0xF000, Regular = 0x8000;

    /// <summary>struct statx (256 bytes); only stx_mode, at byte 28, is read.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Statx
    {
        [FieldOffset(28)] public ushort Mode;
    }

#pragma warning disable SYSLIB1054 // DllImport keeps this free of generated unsafe marshalling code; the signature is blittable
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int statx(int dirfd, string pathname, int flags, uint mask, out Statx buffer);
#pragma warning restore SYSLIB1054
}
