using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// No acknowledged write is lost when the portal dies (issue 8 item 7): the real portal runs as its own process
/// (Release build, Kestrel on loopback) on this run's database; four officers file incidents through the form as fast
/// as they can; the process is killed with SIGKILL in the middle. Every incident whose creation was acknowledged (the
/// redirect to its page) must be in the database with its audit entry, and the database must be intact.
/// </summary>
public sealed partial class CrashTests(Xunit.Abstractions.ITestOutputHelper output) : PortalTestBase
{
    [Fact]
    public async Task Every_write_acknowledged_before_a_SIGKILL_is_in_the_database_and_the_database_is_intact()
    {
        var agency = await Factory.CreateAgencyAsync("SL-CRASH", "Sở Giao thông Vận tải");
        await Factory.CreateUserAsync("crash@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var system = await Factory.CreateSystemAsync("GT-WEB", "Cổng Sở Giao thông", agency.Id);

        var port = Websites.FreePort.Reserve();
        using var portal = StartPortal(port);
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        await WaitReadyAsync(baseUri, portal);

        var acknowledged = new ConcurrentBag<Guid>();
        var attempted = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
            using var client = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
            try
            {
                await PostAsync(client, "/Account/Login", new() { ["Input.Email"] = "crash@tinh.vn", ["Input.Password"] = PortalFactory.Password });
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    Interlocked.Increment(ref attempted);
                    var response = await PostAsync(client, "/Incidents/Create", new()
                    {
                        ["Input.Kind"] = nameof(IncidentKind.Other), ["Input.Title"] = $"Sự cố thử {w}-{i}",
                        ["Input.DetectedAt"] = VietnamTime.FromUtc(DateTime.UtcNow.AddMinutes(-5)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
                        ["Input.SystemIds"] = system.Id.ToString(),
                    });
                    if (response.StatusCode == HttpStatusCode.Redirect
                        && IncidentLink().Match(response.Headers.Location?.OriginalString ?? string.Empty) is { Success: true } link)
                    {
                        acknowledged.Add(Guid.Parse(link.Groups["id"].Value));
                    }
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // The portal was killed: this writer stops. A post in flight has an unknown outcome.
            }
        })).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acknowledged.Count < 60 && DateTime.UtcNow < deadline && !portal.HasExited)
        {
            await Task.Delay(50);
        }

        portal.Kill(entireProcessTree: true); // SIGKILL on Linux: no shutdown, no flush
        await portal.WaitForExitAsync();
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var ids = acknowledged.ToHashSet();
        output.WriteLine($"{ids.Count} incidents acknowledged, {attempted - ids.Count} in flight or refused when the portal was killed");
        Assert.True(ids.Count >= 20, $"only {ids.Count} writes were acknowledged before the kill ({attempted} attempted)");
        var (found, audited) = await Factory.WithDbAsync(async db =>
        {
            var present = await db.Incidents.CountAsync(i => ids.Contains(i.Id));
            var keys = ids.Select(i => i.ToString()).ToList();
            var trail = await db.AuditEntries.Where(e => e.EntityType == nameof(Incident) && keys.Contains(e.EntityKey)).Select(e => e.EntityKey).Distinct().CountAsync();
            return (present, trail);
        });
        Assert.Equal(ids.Count, found);
        Assert.Equal(ids.Count, audited);
        await AssertIntactAsync();
    }

    private async Task AssertIntactAsync()
    {
        if (Factory.Database.Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(Factory.Database.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await command.ExecuteScalarAsync());
        }
        else
        {
            // PostgreSQL: the server outlived the portal; a fresh connection reads every table.
            var (incidents, trail) = await Factory.WithDbAsync(async db => (await db.Incidents.ToListAsync(), await db.AuditEntries.AnyAsync()));
            Assert.NotEmpty(incidents);
            Assert.True(trail);
        }
    }

    private Process StartPortal(int port)
    {
        var root = AsvsMatrixTests.RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "src", "SecurityPortal.Web", "bin", configuration, "net10.0", "SecurityPortal.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = Path.Combine(root, "src", "SecurityPortal.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var logs = Path.Combine(Path.GetTempPath(), "securityportal-tests", "logs");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing", ["Database__Provider"] = Factory.Database.Provider.ToString(),
            ["ConnectionStrings__Portal"] = Factory.Database.ConnectionString, ["Database__MigrateOnStartup"] = "true", ["Seed__Demo"] = "false",
            ["Security__SecureCookiesOnly"] = "false", ["RateLimits__LoginPerMinute"] = "10000", ["Files__Root"] = Factory.FilesRoot,
            ["Mail__SenderEnabled"] = "false", ["Notifications__WorkerEnabled"] = "false", ["Dashboard__SnapshotEnabled"] = "false",
            ["WebsiteWatch__WorkerEnabled"] = "false", ["Serilog__WriteTo__1__Args__path"] = Path.Combine(logs, "crash-portal-.log"),
            ["Serilog__MinimumLevel__Default"] = "Warning",
        })
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(Uri baseUri, Process portal)
    {
        using var probe = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 120; i++)
        {
            Assert.False(portal.HasExited, "the portal process stopped at start-up");
            try
            {
                if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        Assert.Fail("the portal process did not become ready in 60 s");
    }

    /// <summary>GETs the form for its antiforgery token, then POSTs the fields with it.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        var token = Token().Match(page).Groups["t"].Value;
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<t>[^\"]+)\"|type=\"hidden\" name=\"__RequestVerificationToken\" value=\"(?<t>[^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("/Incidents/Details/(?<id>[0-9a-fA-F-]{36})")]
    private static partial Regex IncidentLink();
}
