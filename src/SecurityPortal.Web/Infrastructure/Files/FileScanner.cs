using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure.Files;

/// <summary>What a malware scan of one file found: clean, infected (with the signature's name), or no verdict (why).</summary>
public sealed record ScanVerdict(bool Clean, string? Signature, string? Failure)
{
    public static ScanVerdict Ok { get; } = new(true, null, null);
}

/// <summary>Scans an uploaded file before it is stored (ASVS 5.0 V5.4.3).</summary>
public interface IFileScanner
{
    /// <summary>False when no scanner is configured: files are stored unscanned (the operator's own scan of the folder).</summary>
    bool Enabled { get; }

    Task<ScanVerdict> ScanAsync(string path, CancellationToken cancellationToken);
}

/// <summary>
/// ClamAV's daemon over its INSTREAM command (<c>Files:ClamAvAddress</c>, TCP or a Unix socket): the command
/// <c>zINSTREAM\0</c>, the file in chunks each preceded by its length (4 bytes, network order), a zero length, then one
/// answer: <c>stream: OK</c>, <c>stream: NAME FOUND</c> or <c>… ERROR</c>. Without an address nothing is scanned.
/// </summary>
public sealed class ClamAvScanner : IFileScanner
{
    private const int ChunkBytes = 64 * 1024;
    private readonly FileStoreOptions _options;
    private readonly Func<Socket>? _socket;
    private readonly System.Net.EndPoint? _endPoint;

    public ClamAvScanner(FileStoreOptions options)
    {
        _options = options;
        var address = options.ClamAvAddress.Trim();
        if (address.Length == 0)
        {
            return;
        }

        if (address.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            var path = address["unix:".Length..].TrimStart('/');
            _endPoint = new UnixDomainSocketEndPoint("/" + path);
            _socket = () => new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            return;
        }

        var hostPort = address.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) ? address["tcp://".Length..].TrimEnd('/') : address;
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new PortalConfigurationException(
                $"Files:ClamAvAddress «{address}» không hợp lệ: dùng tcp://máy:cổng (ví dụ tcp://127.0.0.1:3310) hoặc unix:/đường/dẫn/clamd.ctl.");
        }

        _endPoint = new System.Net.DnsEndPoint(hostPort[..colon].Trim('[', ']'), port);
        _socket = () => new Socket(SocketType.Stream, ProtocolType.Tcp);
    }

    public bool Enabled => _socket is not null;

    public async Task<ScanVerdict> ScanAsync(string path, CancellationToken cancellationToken)
    {
        if (_socket is null || _endPoint is null)
        {
            return ScanVerdict.Ok;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.ClamAvTimeoutSeconds));
        try
        {
            using var socket = _socket();
            await socket.ConnectAsync(_endPoint, timeout.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            var buffer = new byte[4 + ChunkBytes];
            await using (var file = File.OpenRead(path))
            {
                int read;
                while ((read = await file.ReadAsync(buffer.AsMemory(4, ChunkBytes), timeout.Token)) > 0)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                    await stream.WriteAsync(buffer.AsMemory(0, 4 + read), timeout.Token);
                }
            }

            BinaryPrimitives.WriteUInt32BigEndian(buffer, 0);
            await stream.WriteAsync(buffer.AsMemory(0, 4), timeout.Token);
            return Parse(await ReadAnswerAsync(stream, timeout.Token));
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ScanVerdict(false, null, ex is OperationCanceledException ? "time-out" : ex.Message);
        }
    }

    /// <summary>clamd's answer to INSTREAM: «stream: OK», «stream: NAME FOUND», anything else is an error.</summary>
    public static ScanVerdict Parse(string answer)
    {
        var text = answer.TrimEnd('\0', '\n', '\r', ' ');
        if (text.StartsWith("stream:", StringComparison.Ordinal))
        {
            text = text["stream:".Length..].Trim();
        }

        if (text == "OK")
        {
            return ScanVerdict.Ok;
        }

        return text.EndsWith(" FOUND", StringComparison.Ordinal)
            ? new ScanVerdict(false, text[..^" FOUND".Length].Trim(), null)
            : new ScanVerdict(false, null, text.Length == 0 ? "no answer" : text);
    }

    private static async Task<string> ReadAnswerAsync(Stream stream, CancellationToken cancellationToken)
    {
        var answer = new MemoryStream();
        var buffer = new byte[256];
        int read;
        while (answer.Length < 4096 && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            answer.Write(buffer, 0, read);
            if (buffer.AsSpan(0, read).Contains((byte)0))
            {
                break;
            }
        }

        return Encoding.UTF8.GetString(answer.ToArray());
    }
}
