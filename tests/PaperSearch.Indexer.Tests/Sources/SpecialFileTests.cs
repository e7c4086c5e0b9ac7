using System.Diagnostics;
using System.Net.Sockets;
using PaperSearch.Indexer.Sources;
using PaperSearch.TestSupport;

namespace PaperSearch.Indexer.Tests.Sources;

/// <summary>A folder holding a real FIFO, a socket and a link to the FIFO: they are reported and skipped, nothing hangs.</summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly TempDir _dir = new("special");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Read_SkipsFifoSocketAndLinkWithAMessage_WhenWalkingAFolder()
    {
        SourceTestFiles.Write(_dir, "b-good.json", string.Join('\n', SourceTestFiles.KaggleLines().Take(3)));
        var fifo = MakeFifo(_dir.Sub("a-pipe.json"));
        File.CreateSymbolicLink(_dir.Sub("c-link-to-pipe.json"), fifo);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(_dir.Sub("d-socket.json")));

        // Nothing ever writes to the FIFO: opening it would block for good, so a hang fails the test after 30 s.
        var reading = Task.Run(() => SourceReader.Read(_dir.Path).ToList());
        Assert.Same(reading, await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(30))));
        var records = await reading;

        Assert.Equal(3, records.OfType<PaperRecord>().Count());
        var skipped = records.OfType<RejectedRecord>().Select(r => (Path.GetFileName(r.Source), r.Reason)).ToList();
        Assert.Equal(
        [
            ("a-pipe.json", "a FIFO, not a regular file: skipped"),
            ("c-link-to-pipe.json", "a FIFO, not a regular file: skipped"),
            ("d-socket.json", "a socket, not a regular file: skipped"),
        ], skipped);
    }

    [Fact]
    public void NotRegular_IsNullForFileAndNamesDevice_WhenRealPaths()
    {
        Assert.Null(FileKind.NotRegular(SourceTestFiles.Write(_dir, "plain.json", "{}")));
        Assert.Equal("a character device", FileKind.NotRegular("/dev/null"));
        Assert.Null(FileKind.NotRegular(_dir.Sub("missing")));
    }

    private static string MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
