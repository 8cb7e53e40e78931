using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Common;
using SecurityPortal.Tests.Dossiers;
using SecurityPortal.Web.Infrastructure.Files;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// ASVS 5.0 V5.4.3: with <c>Files:ClamAvAddress</c> set, every upload is scanned by clamd before it is stored. The clamd here
/// is the test's own: a loopback TCP listener speaking INSTREAM (a real socket, the protocol byte for byte), which flags any
/// file containing <see cref="Marker"/>.
/// </summary>
public sealed class FileScannerTests : PortalTestBase, IDisposable
{
    private const string Marker = "SECURITYPORTAL-TEST-MALWARE";
    private readonly TcpListener _clamd = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _commands = [];

    public FileScannerTests()
    {
        _clamd.Start();
        _ = ServeAsync();
    }

    protected override PortalFactory Configure(PortalFactory factory) =>
        factory.With("Files:ClamAvAddress", $"tcp://127.0.0.1:{((IPEndPoint)_clamd.LocalEndpoint).Port}").With("Files:ClamAvTimeoutSeconds", "20");

    [Fact]
    public async Task Uploads_are_scanned_by_clamd_a_flagged_file_is_quarantined_and_refused_and_no_verdict_refuses_too()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SCT", "Sở Công Thương");
        await Factory.CreateUserAsync("sct@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        var system = await Factory.CreateSystemAsync("SCT-TM", "Hệ thống thương mại điện tử", agency.Id);
        var officer = await SignInAsync("sct@sl.vn");
        var id = await officer.CreateDossierAsync(system.Id);

        // A clean file: scanned (the whole of it reached clamd) and stored.
        (await officer.UploadAsync(id, "Overview", "sach.pdf", DossierTestKit.Pdf)).AssertRedirectsTo($"/Dossiers/Details/{id}");
        Assert.Equal(["zINSTREAM"], _commands);

        // A flagged file: refused with the signature's name, kept in quarantine/infected, never stored under its hash.
        byte[] infected = [.. DossierTestKit.Pdf, .. Encoding.ASCII.GetBytes(Marker), .. new byte[150_000]];
        var refused = await (await officer.UploadAsync(id, "SecurityPlan", "nhiem.pdf", infected)).ParseAsync();
        Assert.Contains("Phần mềm diệt virus phát hiện mã độc trong tệp (Portal.Test.Marker)", refused.Body!.TextContent, StringComparison.Ordinal);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(infected));
        Assert.True(File.Exists(Path.Combine(Factory.FilesRoot, FileStore.QuarantineFolder, FileStore.InfectedFolder, hash)));
        Assert.False(File.Exists(Path.Combine(Factory.FilesRoot, hash[..2], hash[2..4], hash)));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.DossierAttachments.CountAsync()));

        // clamd gone: the upload is refused (Files:ClamAvFailOpen is off), with a message that says to try again.
        _clamd.Stop();
        var unscanned = await (await officer.UploadAsync(id, "SecurityPlan", "sau.pdf", [.. DossierTestKit.Pdf, 1, 2, 3])).ParseAsync();
        Assert.Contains("Chưa kiểm tra được virus cho tệp", unscanned.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.DossierAttachments.CountAsync()));
    }

    [Theory]
    [InlineData("stream: OK\0", true, null)]
    [InlineData("stream: Win.Test.EICAR_HDB-1 FOUND\0", false, "Win.Test.EICAR_HDB-1")]
    [InlineData("INSTREAM size limit exceeded. ERROR\0", false, null)]
    [InlineData("", false, null)]
    public void Clamd_answers_are_read_as_clean_infected_or_no_verdict(string answer, bool clean, string? signature)
    {
        var verdict = ClamAvScanner.Parse(answer);
        Assert.Equal(clean, verdict.Clean);
        Assert.Equal(signature, verdict.Signature);
        Assert.Equal(!clean && signature is null, verdict.Failure is not null);
    }

    /// <summary>One connection at a time: the command up to its NUL, chunks until a zero length, one answer.</summary>
    private async Task ServeAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _clamd.AcceptTcpClientAsync(_stop.Token);
                await using var stream = client.GetStream();
                var command = new List<byte>();
                var one = new byte[1];
                while (await stream.ReadAsync(one, _stop.Token) == 1 && one[0] != 0)
                {
                    command.Add(one[0]);
                }

                lock (_commands)
                {
                    _commands.Add(Encoding.ASCII.GetString([.. command]));
                }

                var content = new MemoryStream();
                var length = new byte[4];
                while (true)
                {
                    await stream.ReadExactlyAsync(length, _stop.Token);
                    var size = BinaryPrimitives.ReadUInt32BigEndian(length);
                    if (size == 0)
                    {
                        break;
                    }

                    var chunk = new byte[size];
                    await stream.ReadExactlyAsync(chunk, _stop.Token);
                    content.Write(chunk);
                }

                var found = Encoding.ASCII.GetString(content.ToArray()).Contains(Marker, StringComparison.Ordinal);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(found ? "stream: Portal.Test.Marker FOUND\0" : "stream: OK\0"), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException or InvalidOperationException)
        {
            // Stopped by the test (or at its end).
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _clamd.Stop();
        _stop.Dispose();
    }
}
