using Microsoft.EntityFrameworkCore;
using Npgsql;
using SecurityPortal.Data;
using SecurityPortal.Data.Interceptors;
using SecurityPortal.Data.PostgreSql;
using SecurityPortal.Data.Sqlite;

namespace SecurityPortal.Tests;

/// <summary>
/// A fresh, real database for one test: a SQLite file, or a new database on the PostgreSQL server that test.sh starts
/// (PORTAL_TEST_DB=postgres, PORTAL_TEST_PG=server connection string): an empty one (<see cref="CreateAsync"/>) or a copy
/// of another (<see cref="CopyOfAsync"/>: a file copy on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL), which
/// is how the web and browser tests get the portal's template (<c>PortalTemplate</c>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string connectionString, string name, bool schemaCurrent)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Name = name;
        SchemaCurrent = schemaCurrent;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public string Name { get; }

    /// <summary>A copy of a template, whose schema every migration has already brought up to date.</summary>
    public bool SchemaCurrent { get; }

    public static DatabaseProvider SelectedProvider =>
        (Environment.GetEnvironmentVariable("PORTAL_TEST_DB") ?? "sqlite").ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.PostgreSql,
            var other => throw new InvalidOperationException($"PORTAL_TEST_DB='{other}' is not a provider the tests can run on (sqlite, postgres)."),
        };

    /// <summary>An empty database: no schema, no rows.</summary>
    public static Task<TestDatabase> CreateAsync() => CreateFromAsync(template: null);

    /// <summary>A copy of an empty database brought to the current schema by every migration, migrated once per test process.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync() => await CopyOfAsync(await Migrated.Value);

    private static readonly Lazy<Task<TestDatabase>> Migrated = Template(async template =>
    {
        await using (await template.CreateMigratedContextAsync())
        {
        }
    });

    /// <summary>
    /// A template made once per test process, on first use: an empty database that <paramref name="prepare"/> fills,
    /// released by every pool (CREATE DATABASE … TEMPLATE refuses a template anyone is connected to) and dropped when
    /// the process exits. Tests get copies of it (<see cref="CopyOfAsync"/>).
    /// </summary>
    public static Lazy<Task<TestDatabase>> Template(Func<TestDatabase, Task> prepare) => new(async () =>
    {
        var template = await CreateFromAsync(template: null);
        await prepare(template);
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template;
    });

    /// <summary>A new database with the schema and rows of <paramref name="template"/>, which nobody may be connected to.</summary>
    public static Task<TestDatabase> CopyOfAsync(TestDatabase template) => CreateFromAsync(template);

    private static async Task<TestDatabase> CreateFromAsync(TestDatabase? template)
    {
        var name = "portal_t_" + Guid.NewGuid().ToString("N")[..20];
        if (SelectedProvider == DatabaseProvider.PostgreSql)
        {
            var server = Environment.GetEnvironmentVariable("PORTAL_TEST_PG")
                ?? throw new InvalidOperationException("PORTAL_TEST_DB=postgres needs PORTAL_TEST_PG (test.sh sets it after starting its own cluster).");
            var builder = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
            await using (var connection = new NpgsqlConnection(builder.ConnectionString))
            {
                await connection.OpenAsync();
                var copy = template is null ? string.Empty : $" TEMPLATE \"{template.Name}\"";
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{copy}", connection);
                await command.ExecuteNonQueryAsync();
            }

            builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
            return new TestDatabase(DatabaseProvider.PostgreSql, builder.ConnectionString, name, template is not null);
        }

        var folder = Path.Combine(Path.GetTempPath(), "securityportal-tests");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".db");
        if (template is not null)
        {
            // Every connection to the template is closed (no pooling), so its file holds everything (no -wal left).
            File.Copy(template.FilePath, path);
        }

        return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False", name, template is not null);
    }

    private string FilePath => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;

    /// <summary>A context on this database with the portal's interceptors, as the application builds it.</summary>
    public PortalDbContext CreateContext(ICurrentActor? actor = null, TimeProvider? clock = null)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        if (Provider == DatabaseProvider.PostgreSql)
        {
            PostgreSqlProvider.Configure(builder, ConnectionString);
        }
        else
        {
            SqliteProvider.Configure(builder, ConnectionString);
        }

        builder.AddInterceptors(new ConcurrencyStampInterceptor(), new AuditInterceptor(actor ?? SystemActor.Instance, clock ?? TimeProvider.System));
        return new PortalDbContext(builder.Options);
    }

    public async Task<PortalDbContext> CreateMigratedContextAsync(ICurrentActor? actor = null)
    {
        var db = CreateContext(actor);
        await db.Database.MigrateAsync();
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
            return;
        }

        foreach (var file in new[] { FilePath, FilePath + "-wal", FilePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
