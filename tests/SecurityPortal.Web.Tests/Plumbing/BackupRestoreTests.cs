using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SecurityPortal.Data;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// The backup procedure of docs/database.md, run for real on the provider of the run: SQLite through the portal's
/// <c>admin backup</c> code (online backup API, taken while the portal runs), PostgreSQL with <c>pg_dump -Fc</c> and
/// <c>pg_restore</c> into a fresh database. A second portal started on the restored copy is ready, holds the
/// records and the audit trail, and accepts the same password; the original keeps working.
/// </summary>
public sealed class BackupRestoreTests : PortalTestBase
{
    [Fact]
    public async Task A_backup_restored_into_a_fresh_database_serves_the_same_records_and_trail()
    {
        var agency = await Factory.CreateAgencyAsync("SL-BK", "Sở Xây dựng");
        await Factory.CreateUserAsync("bk@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var system = await Factory.CreateSystemAsync("SXD-WEB", "Cổng thông tin Sở Xây dựng", agency.Id);
        var audit = await Factory.CountAsync<AuditEntry>();
        var client = await SignInAsync("bk@tinh.vn");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Systems/Details/{system.Id}")).StatusCode);

        var (restored, cleanup) = Factory.Database.Provider == DatabaseProvider.PostgreSql
            ? await PostgresDumpAndRestoreAsync(Factory.Database.ConnectionString)
            : SqliteBackup(Factory.Database.ConnectionString);
        try
        {
            await using var copy = new PortalFactory(Factory.Database).With("ConnectionStrings:Portal", restored);
            using var probe = copy.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
            Assert.Equal("Cổng thông tin Sở Xây dựng", await copy.WithDbAsync(db => db.InformationSystems.Where(s => s.Id == system.Id).Select(s => s.Name).SingleAsync()));
            Assert.True(await copy.CountAsync<AuditEntry>() >= audit);

            var signedIn = await new FormSignIn(copy).AsAsync("bk@tinh.vn");
            Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync($"/Systems/Details/{system.Id}")).StatusCode);
        }
        finally
        {
            await cleanup();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Systems/Details/{system.Id}")).StatusCode);
    }

    private static (string ConnectionString, Func<Task> Cleanup) SqliteBackup(string connectionString)
    {
        var target = Path.Combine(Path.GetTempPath(), "securityportal-tests", $"backup-{Guid.NewGuid():N}.db");
        var message = SecurityPortal.Web.Infrastructure.DatabaseBackup.Sqlite(connectionString, target);
        Assert.Contains("Đã sao lưu", message, StringComparison.Ordinal);
        Assert.Throws<SecurityPortal.Web.Infrastructure.PortalConfigurationException>(() => SecurityPortal.Web.Infrastructure.DatabaseBackup.Sqlite(connectionString, target));
        return ($"Data Source={target};Pooling=False", () =>
        {
            foreach (var file in new[] { target, target + "-wal", target + "-shm" })
            {
                File.Delete(file);
            }

            return Task.CompletedTask;
        });
    }

    private static async Task<(string ConnectionString, Func<Task> Cleanup)> PostgresDumpAndRestoreAsync(string connectionString)
    {
        var source = new NpgsqlConnectionStringBuilder(connectionString);
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version(0, 0)).Last();
        var dump = Path.Combine(Path.GetTempPath(), $"securityportal-{Guid.NewGuid():N}.dump");
        var copyName = source.Database + "_restored";
        await RunAsync(Path.Combine(bin, "bin", "pg_dump"), $"-Fc -h {source.Host} -p {source.Port} -U {source.Username} -f {dump} {source.Database}");
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await ExecuteAsync(admin, $"CREATE DATABASE \"{copyName}\"");
        await RunAsync(Path.Combine(bin, "bin", "pg_restore"), $"--exit-on-error -h {source.Host} -p {source.Port} -U {source.Username} -d {copyName} {dump}");
        File.Delete(dump);
        var restored = new NpgsqlConnectionStringBuilder(connectionString) { Database = copyName, Pooling = false }.ConnectionString;
        return (restored, () => ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{copyName}\" WITH (FORCE)"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(file)} failed: {errors}");
    }

    /// <summary>Signs in on another portal instance through its login page.</summary>
    private sealed class FormSignIn(PortalFactory factory)
    {
        public async Task<HttpClient> AsAsync(string email)
        {
            var client = factory.CreateClient();
            (await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = PortalFactory.Password })).AssertRedirectsTo("/");
            return client;
        }
    }
}
