using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Web.Infrastructure.Files;
using Xunit.Abstractions;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// No acknowledged write is lost when the portal dies, and files and rows agree afterwards (issue 8 item 7): the real
/// portal runs as its own process (Release build, Kestrel on loopback) on this run's database; four officers file
/// incidents through the form as fast as they can while two others upload evidence files to their tasks; the process is
/// killed with SIGKILL in the middle. Every incident whose creation was acknowledged (the redirect to its page) must be in
/// the database with its audit entry, every acknowledged upload must have its row, every row its file, and the database
/// must be intact. Then the sweeper runs as at a start two hours later, with an orphan planted by hand (a stored file no
/// row names, as a kill between the file and its row leaves) and a recent one: afterwards every stored file is named by a
/// row except the recent one, and no named file is gone. The PostgreSQL server's own crash is
/// <see cref="DatabaseServerCrashTests"/>.
/// </summary>
public sealed partial class CrashTests(ITestOutputHelper output) : PortalTestBase
{
    private const string Officer = "crash@tinh.vn";

    /// <summary>
    /// The released portal signs the officer in: a hash made with fewer iterations than its own would be rehashed at each
    /// of the officers' concurrent sign-ins, and a new hash renews the security stamp, which ends the other sessions.
    /// </summary>
    protected override PortalFactory Configure(PortalFactory factory)
    {
        factory.PasswordIterations = null;
        return factory;
    }

    [Fact]
    public async Task Every_write_acknowledged_before_a_SIGKILL_is_in_the_database_and_after_the_sweep_files_and_rows_agree()
    {
        var agency = await Factory.CreateAgencyAsync("SL-CRASH", "Sở Giao thông Vận tải");
        await Factory.CreateUserAsync(Officer, PortalRoles.AgencyOfficer, agency.Id);
        var system = await Factory.CreateSystemAsync("GT-WEB", "Cổng Sở Giao thông", agency.Id);
        // One task per uploading officer: evidence added to a task changes the task (its concurrency stamp).
        var tasks = new[] { await Factory.CreateTaskAsync(system.Id, "Khắc phục thử 1"), await Factory.CreateTaskAsync(system.Id, "Khắc phục thử 2") };

        var port = Websites.FreePort.Reserve();
        using var portal = StartPortal(port, Factory.Database.Provider, Factory.Database.ConnectionString, Factory.FilesRoot, "crash-portal-.log");
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        var acknowledged = new ConcurrentBag<Guid>();
        var uploaded = new ConcurrentBag<string>();
        var attempted = 0;
        var uploadsAttempted = 0;
        using var stop = new CancellationTokenSource();
        try
        {
            await WaitReadyAsync(baseUri, portal, TimeSpan.FromSeconds(60));
            var writers = Enumerable.Range(0, 4)
                .Select(w => Task.Run(() => FileIncidentsAsync(
                    baseUri, Officer, system.Id, $"{w}", acknowledged, () => Interlocked.Increment(ref attempted), throughOutages: false, stop.Token)))
                .Concat(tasks.Select((taskId, w) => Task.Run(() => UploadEvidenceAsync(
                    baseUri, Officer, taskId, w, uploaded, () => Interlocked.Increment(ref uploadsAttempted), stop.Token))))
                .ToList();

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((acknowledged.Count < 60 || uploaded.Count < 20) && DateTime.UtcNow < deadline && !portal.HasExited)
            {
                await Task.Delay(50);
            }

            portal.Kill(entireProcessTree: true); // SIGKILL on Linux: no shutdown, no flush
            await portal.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Stop(portal);
        }

        var ids = acknowledged.ToHashSet();
        output.WriteLine($"{ids.Count} incidents and {uploaded.Count} uploads acknowledged; {attempted - ids.Count} filings and "
                         + $"{uploadsAttempted - uploaded.Count} uploads in flight or refused when the portal was killed");
        Assert.True(ids.Count >= 20, $"only {ids.Count} writes were acknowledged before the kill ({attempted} attempted)");
        Assert.True(uploaded.Count >= 10, $"only {uploaded.Count} uploads were acknowledged before the kill ({uploadsAttempted} attempted)");
        var (found, audited) = await CountFiledAsync(Factory, ids);
        Assert.Equal(ids.Count, found);
        Assert.Equal(ids.Count, audited);
        await AssertIntactAsync();

        // Rows and files: every row names a stored file; every acknowledged upload has its row.
        var root = Factory.FilesRoot;
        var named = await Factory.WithDbAsync(db => FileStore.ReferencedHashesAsync(db, CancellationToken.None));
        var missing = named.Where(h => !File.Exists(FileTestKit.PathOf(root, h))).ToList();
        Assert.True(missing.Count == 0, $"rows name files that are not stored: {string.Join(", ", missing)}");
        var lost = uploaded.Where(h => !named.Contains(h)).ToList();
        Assert.True(lost.Count == 0, $"acknowledged uploads without their row: {string.Join(", ", lost)}");

        // The sweep, as at a start two hours later: an orphan planted three hours ago goes (whether or not the kill left one
        // of its own), one written ten minutes before the sweep stays (an upload whose row may still be being saved).
        var sweepAt = DateTime.UtcNow.AddHours(2);
        var planted = FileTestKit.PathOf(root, await FileTestKit.PlantAsync(root, FileTestKit.Pdf("tải lên bị ngắt trước khi lưu bản ghi"), DateTime.UtcNow.AddHours(-3)));
        var recent = await FileTestKit.PlantAsync(root, FileTestKit.Pdf("bản ghi đang được lưu"), sweepAt.AddMinutes(-10));
        var store = Factory.Services.GetRequiredService<FileStore>();
        var interrupted = store.SweepTemporaryFiles(sweepAt);
        var removed = await Factory.WithDbAsync(db => store.SweepOrphansAsync(db, sweepAt, CancellationToken.None));
        output.WriteLine($"the sweep removed {removed} stored files ({removed - 1} left by the kill) and {interrupted} interrupted uploads");

        var namedAfter = await Factory.WithDbAsync(db => FileStore.ReferencedHashesAsync(db, CancellationToken.None));
        var stored = FileTestKit.Hashes(root);
        Assert.False(File.Exists(planted), "the planted orphan was not swept");
        Assert.True(File.Exists(FileTestKit.PathOf(root, recent)), "a file written within the hour was swept");
        Assert.Equal(named.Order(StringComparer.Ordinal), namedAfter.Order(StringComparer.Ordinal));
        Assert.Equal(namedAfter.Order(StringComparer.Ordinal), stored.Where(h => h != recent).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(root, "tmp"), "*.part"));
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

    /// <summary>The Release (or Debug) build of the portal as its own process on loopback, on the given database and files.</summary>
    internal static Process StartPortal(int port, DatabaseProvider provider, string connectionString, string filesRoot, string logName)
    {
        var start = PortalStartInfo($"--urls http://127.0.0.1:{port}");
        var logs = Path.Combine(Path.GetTempPath(), "securityportal-tests", "logs");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing", ["Database__Provider"] = provider.ToString(),
            ["ConnectionStrings__Portal"] = connectionString, ["Database__MigrateOnStartup"] = "true", ["Seed__Demo"] = "false",
            ["Security__SecureCookiesOnly"] = "false", ["RateLimits__LoginPerMinute"] = "10000", ["Files__Root"] = filesRoot,
            ["Mail__SenderEnabled"] = "false", ["Notifications__WorkerEnabled"] = "false", ["Dashboard__SnapshotEnabled"] = "false",
            ["WebsiteWatch__WorkerEnabled"] = "false", ["Serilog__WriteTo__1__Args__path"] = Path.Combine(logs, logName),
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

    /// <summary>The Release (or Debug) build of the portal, run with <paramref name="arguments"/> from its project folder, its output redirected.</summary>
    internal static ProcessStartInfo PortalStartInfo(string arguments)
    {
        var root = AsvsMatrixTests.RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "src", "SecurityPortal.Web", "bin", configuration, "net10.0", "SecurityPortal.Web.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        return new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            WorkingDirectory = Path.Combine(root, "src", "SecurityPortal.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
    }

    /// <summary>Kills the portal process if it still runs (a test that failed half-way leaves no process behind).</summary>
    internal static void Stop(Process portal)
    {
        try
        {
            if (!portal.HasExited)
            {
                portal.Kill(entireProcessTree: true);
                _ = portal.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    /// <summary>Waits, at most <paramref name="within"/>, until /health/ready answers 200; the portal must not stop meanwhile.</summary>
    internal static async Task WaitReadyAsync(Uri baseUri, Process portal, TimeSpan within)
    {
        using var probe = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(portal.HasExited, "the portal process stopped");
            try
            {
                using var response = await probe.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or its database is not back yet.
            }

            await Task.Delay(500);
        }

        Assert.Fail($"the portal process was not ready within {within.TotalSeconds:0} s");
    }

    /// <summary>
    /// One officer filing incidents through the form until stopped; a filing acknowledged by the redirect to its page is
    /// recorded. When a post fails, the officer stops (the portal was killed) or, <paramref name="throughOutages"/>, tries
    /// again shortly (the database is down and the portal answers 503, or a post waits on it).
    /// </summary>
    internal static async Task FileIncidentsAsync(
        Uri baseUri, string email, Guid systemId, string writer, ConcurrentBag<Guid> acknowledged, Action attempt, bool throughOutages, CancellationToken stop)
    {
        using var client = SessionClient(baseUri, TimeSpan.FromSeconds(10));
        var signedIn = false;
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                if (!signedIn)
                {
                    signedIn = (await LogInAsync(client, email)).StatusCode == HttpStatusCode.Redirect;
                    continue;
                }

                attempt();
                var response = await PostAsync(client, "/Incidents/Create", IncidentFields($"Sự cố thử {writer}-{i}", systemId));
                if (response.StatusCode == HttpStatusCode.Redirect
                    && IncidentLink().Match(response.Headers.Location?.OriginalString ?? string.Empty) is { Success: true } link)
                {
                    acknowledged.Add(Guid.Parse(link.Groups["id"].Value));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // A post in flight has an unknown outcome.
                if (!throughOutages)
                {
                    return;
                }

                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    /// <summary>Signs in on a fresh session and files one incident, which must be acknowledged; returns its id.</summary>
    internal static async Task<Guid> FileOneIncidentAsync(Uri baseUri, string email, Guid systemId, string title)
    {
        using var client = SessionClient(baseUri, TimeSpan.FromSeconds(60));
        (await LogInAsync(client, email)).AssertRedirectsTo("/");
        var response = await PostAsync(client, "/Incidents/Create", IncidentFields(title, systemId));
        var link = IncidentLink().Match(response.Headers.Location?.OriginalString ?? string.Empty);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && link.Success, $"the incident «{title}» was not acknowledged: {(int)response.StatusCode}");
        return Guid.Parse(link.Groups["id"].Value);
    }

    /// <summary>How many of the incidents are in the database, and how many have their audit entry.</summary>
    internal static Task<(int Present, int Audited)> CountFiledAsync(PortalFactory factory, HashSet<Guid> ids) => factory.WithDbAsync<(int Present, int Audited)>(async db =>
    {
        var present = await db.Incidents.CountAsync(i => ids.Contains(i.Id));
        var keys = ids.Select(i => i.ToString()).ToList();
        var trail = await db.AuditEntries.Where(e => e.EntityType == nameof(Incident) && keys.Contains(e.EntityKey)).Select(e => e.EntityKey).Distinct().CountAsync();
        return (present, trail);
    });

    /// <summary>One officer uploading small PDFs (each different) as evidence of a task until stopped or the portal dies.</summary>
    private static async Task UploadEvidenceAsync(Uri baseUri, string email, Guid taskId, int writer, ConcurrentBag<string> uploaded, Action attempt, CancellationToken stop)
    {
        using var client = SessionClient(baseUri, TimeSpan.FromSeconds(10));
        try
        {
            await LogInAsync(client, email);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var content = FileTestKit.Pdf($"minh chứng {writer}-{i} {Guid.NewGuid():N}");
                attempt();
                HttpResponseMessage response;
                try
                {
                    response = await PostFileAsync(client, $"/Tasks/Attach/{taskId}", $"minh-chung-{writer}-{i}.pdf", content);
                }
                catch (TaskCanceledException) when (!stop.IsCancellationRequested)
                {
                    continue; // a slow answer on a busy machine: its outcome is unknown, the officer goes on
                }

                if (response.StatusCode == HttpStatusCode.Redirect
                    && (response.Headers.Location?.OriginalString ?? string.Empty).Contains($"/Tasks/Details/{taskId}", StringComparison.OrdinalIgnoreCase))
                {
                    uploaded.Add(FileTestKit.HashOf(content));
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            // The portal was killed: this officer stops. An upload in flight has an unknown outcome.
        }
    }

    private static HttpClient SessionClient(Uri baseUri, TimeSpan timeout) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = baseUri, Timeout = timeout };

    private static Task<HttpResponseMessage> LogInAsync(HttpClient client, string email) =>
        PostAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = PortalFactory.Password });

    private static Dictionary<string, string> IncidentFields(string title, Guid systemId) => new()
    {
        ["Input.Kind"] = nameof(IncidentKind.Other), ["Input.Title"] = title,
        ["Input.DetectedAt"] = VietnamTime.FromUtc(DateTime.UtcNow.AddMinutes(-5)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        ["Input.SystemIds"] = systemId.ToString(),
    };

    /// <summary>GETs the form for its antiforgery token, then POSTs the fields with it.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        var token = Token().Match(page).Groups["t"].Value;
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>GETs the upload form for its antiforgery token, then POSTs the file as the form's «Upload» field.</summary>
    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string url, string fileName, byte[] content)
    {
        var page = await client.GetStringAsync(url);
        using var form = new MultipartFormDataContent { { new StringContent(Token().Match(page).Groups["t"].Value), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "Upload", fileName);
        return await client.PostAsync(url, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<t>[^\"]+)\"|type=\"hidden\" name=\"__RequestVerificationToken\" value=\"(?<t>[^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("/Incidents/Details/(?<id>[0-9a-fA-F-]{36})")]
    private static partial Regex IncidentLink();
}

/// <summary>
/// No acknowledged write is lost when the PostgreSQL server dies (issue 8 item 7), and the portal recovers by itself. The
/// test brings a cluster of its own (the run's shared server is never touched) and runs the real portal as its own process
/// on a fresh database there; four officers file incidents through the form; mid-load the postmaster is killed with
/// SIGKILL, then every process of the cluster (no shutdown, no checkpoint). The portal keeps running and the officers keep
/// posting through the outage; the cluster is started again on the same directory (PostgreSQL's crash recovery), the
/// portal becomes ready again on its own, and a new officer session files a new incident. Every acknowledged incident,
/// before, during and after the outage, is in the database with its audit entry, and pg_amcheck finds every table and
/// index intact. It runs in the PostgreSQL run of the suite only (see <see cref="PostgreSqlRunFactAttribute"/>).
/// </summary>
public sealed class DatabaseServerCrashTests(ITestOutputHelper output)
{
    private const string Officer = "pgcrash@tinh.vn";
    private const string DatabaseName = "portal_crash";

    [PostgreSqlRunFact]
    public async Task Every_write_acknowledged_before_the_PostgreSQL_server_is_SIGKILLed_is_there_after_its_recovery_and_the_portal_recovers_by_itself()
    {
        using var cluster = await PrivatePostgres.StartAsync();
        var connectionString = await cluster.CreateDatabaseAsync(DatabaseName);
        // The in-process portal arranges and reads on the private cluster; unpooled, none of its connections outlives the crash.
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new PortalFactory(database) { PasswordIterations = null } // the released portal signs in (see CrashTests.Configure)
            .With("Database:Provider", nameof(DatabaseProvider.PostgreSql))
            .With("ConnectionStrings:Portal", new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        var agency = await factory.CreateAgencyAsync("SL-PGCRASH", "Sở Tư pháp");
        await factory.CreateUserAsync(Officer, PortalRoles.AgencyOfficer, agency.Id);
        var system = await factory.CreateSystemAsync("TP-WEB", "Cổng Sở Tư pháp", agency.Id);

        var port = Websites.FreePort.Reserve();
        using var portal = CrashTests.StartPortal(port, DatabaseProvider.PostgreSql, connectionString, factory.FilesRoot, "pgcrash-portal-.log");
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        var acknowledged = new ConcurrentBag<Guid>();
        var attempted = 0;
        using var stop = new CancellationTokenSource();
        try
        {
            await CrashTests.WaitReadyAsync(baseUri, portal, TimeSpan.FromSeconds(60));
            var writers = Enumerable.Range(0, 4)
                .Select(w => Task.Run(() => CrashTests.FileIncidentsAsync(
                    baseUri, Officer, system.Id, $"{w}", acknowledged, () => Interlocked.Increment(ref attempted), throughOutages: true, stop.Token)))
                .ToList();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 40 && DateTime.UtcNow < deadline && !portal.HasExited)
            {
                await Task.Delay(50);
            }

            var beforeKill = acknowledged.Count;
            var killedAt = DateTime.UtcNow;
            cluster.Kill();
            // The officers keep posting to the portal while its database server is gone (a bounded two seconds).
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(portal.HasExited, "the portal process stopped when its database server died");
            await cluster.RestartAsync();
            await CrashTests.WaitReadyAsync(baseUri, portal, TimeSpan.FromSeconds(90));
            var recoveredAfter = DateTime.UtcNow - killedAt;
            await stop.CancelAsync();
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
            var afterRecovery = await CrashTests.FileOneIncidentAsync(baseUri, Officer, system.Id, "Sự cố ghi nhận sau khi máy chủ CSDL khởi động lại");

            var ids = acknowledged.Append(afterRecovery).ToHashSet();
            output.WriteLine($"{beforeKill} incidents acknowledged before the kill, {ids.Count - beforeKill} after it; {attempted} attempted; "
                             + $"the portal was ready again {recoveredAfter.TotalSeconds:0.0} s after the kill");
            Assert.True(beforeKill >= 20, $"only {beforeKill} writes were acknowledged before the kill ({attempted} attempted)");
            var (found, audited) = await CrashTests.CountFiledAsync(factory, ids);
            Assert.Equal(ids.Count, found);
            Assert.Equal(ids.Count, audited);
            output.WriteLine(await cluster.CheckAsync(DatabaseName));
        }
        finally
        {
            CrashTests.Stop(portal);
        }
    }
}

/// <summary>
/// A PostgreSQL cluster of one test's own: initdb under /tmp on a free loopback port, run as the postgres user when the
/// tests run as root (as test.sh runs the shared one). The server is a child of the test (through runuser), not started
/// by pg_ctl: a killed postmaster must be reaped before a new one may use the directory, and where process 1 reaps no
/// orphans (as in this CI's VM) a postmaster left behind by pg_ctl stays a zombie whose PID keeps postmaster.pid "in use".
/// Disposing kills every process of the cluster and deletes its directory.
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _server;

    private PrivatePostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The last lines the server wrote, for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    private string DataDirectory => Path.Combine(_root, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : Array.Empty<string>())
            .Select(version => Path.Combine(version, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "postgres")))
            .OrderByDescending(MajorVersion)
            .FirstOrDefault()
            ?? throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql/*/bin (test.sh installs it).");
        var cluster = new PrivatePostgres(bin, Path.Combine("/tmp", $"securityportal-pgcrash-{Guid.NewGuid():N}"), Websites.FreePort.Reserve());
        try
        {
            await RunAsync(AsPostgres("mkdir", "-m", "700", cluster._root));
            await RunAsync(AsPostgres(
                Path.Combine(bin, "initdb"), "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
            await cluster.RunServerAsync();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ConnectionString;

    /// <summary>Creates a database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(Unpooled("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>
    /// The crash: SIGKILL to the postmaster (its PID is the first line of postmaster.pid), then to every process still
    /// working in the data directory (backends, checkpointer, WAL writer…) until none is left. No shutdown, no checkpoint.
    /// </summary>
    public void Kill()
    {
        var processes = ProcessesOfCluster();
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile)
            && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var postmaster)
            && (processes.Contains(postmaster) || _server is { HasExited: false }))
        {
            SendKill([postmaster]);
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        for (var left = ProcessesOfCluster(); left.Count > 0; left = ProcessesOfCluster())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Processes of the private cluster outlived SIGKILL: {string.Join(", ", left)}");
            }

            SendKill(left);
            Thread.Sleep(100);
        }

        if (_server is { } server)
        {
            if (!server.WaitForExit(TimeSpan.FromSeconds(15)))
            {
                throw new InvalidOperationException("The killed PostgreSQL server was not reaped within 15 s.");
            }

            server.Dispose();
            _server = null;
        }
    }

    /// <summary>Starts the server again on the same directory and port: after a kill, PostgreSQL recovers from its WAL.</summary>
    public Task RestartAsync() => RunServerAsync();

    /// <summary>pg_amcheck on a database: the heap of every table and every B-tree index, each heap row found in its indexes.</summary>
    public Task<string> CheckAsync(string database) => RunAsync(AsPostgres(
        Path.Combine(_bin, "pg_amcheck"), "--install-missing", "--heapallindexed",
        "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", $"--database={database}"));

    public void Dispose()
    {
        try
        {
            Kill();
        }
        finally
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }

    private string Unpooled(string database) => new NpgsqlConnectionStringBuilder(ConnectionString(database)) { Pooling = false, Timeout = 3 }.ConnectionString;

    private async Task RunServerAsync()
    {
        var start = AsPostgres(
            Path.Combine(_bin, "postgres"), "-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-k", _root,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=50", "-c", "shared_buffers=16MB");
        var server = Process.Start(start) ?? throw new InvalidOperationException("The PostgreSQL server did not start.");
        _server = server;
        server.OutputDataReceived += (_, e) => Keep(e.Data);
        server.ErrorDataReceived += (_, e) => Keep(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AcceptsConnectionsAsync())
        {
            Assert.False(server.HasExited, $"the private PostgreSQL server stopped:\n{Log}");
            Assert.True(DateTime.UtcNow < deadline, $"the private PostgreSQL server did not accept connections within 60 s:\n{Log}");
            await Task.Delay(200);
        }
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(Unpooled("postgres"));
            await connection.OpenAsync();
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        if (_log.Count > 200)
        {
            _ = _log.TryDequeue(out _);
        }
    }

    /// <summary>The processes whose working directory is this cluster's data directory: the postmaster and all its children.</summary>
    private List<int> ProcessesOfCluster()
    {
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (string.Equals(new FileInfo(Path.Combine(entry, "cwd")).LinkTarget, DataDirectory, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile (a zombie has no working directory), or not ours to read.
            }
        }

        return found;
    }

    private static void SendKill(List<int> pids)
    {
        var start = new ProcessStartInfo("kill") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-KILL");
        foreach (var pid in pids)
        {
            start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        }

        using var kill = Process.Start(start) ?? throw new InvalidOperationException("kill did not start.");
        _ = kill.WaitForExit(TimeSpan.FromSeconds(10));
    }

    /// <summary>A command as the postgres user (through runuser) when the tests run as root, as the current user otherwise.</summary>
    private static ProcessStartInfo AsPostgres(string program, params string[] arguments)
    {
        var runuser = File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "runuser";
        var start = new ProcessStartInfo(Environment.IsPrivilegedProcess ? runuser : program)
        {
            WorkingDirectory = "/tmp",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.IsPrivilegedProcess)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs a command to its end (at most two minutes); it must succeed. Returns what it wrote.</summary>
    private static async Task<string> RunAsync(ProcessStartInfo start)
    {
        var command = $"{start.FileName} {string.Join(' ', start.ArgumentList)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within two minutes.");
        }

        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, $"{command} failed ({process.ExitCode}): {text}");
        return text;
    }

    private static int MajorVersion(string bin) =>
        int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin))?.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0;
}
