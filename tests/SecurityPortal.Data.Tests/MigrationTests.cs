using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests;

public sealed class MigrationTests
{
    private static readonly string[] ProviderNames = ["Sqlite", "SqlServer", "PostgreSql"];

    public static TheoryData<string> Providers => new(ProviderNames);

    private static PortalDbContext DesignTimeContext(string provider) => provider switch
    {
        "Sqlite" => new SecurityPortal.Data.Sqlite.DesignTimeFactory().CreateDbContext([]),
        "SqlServer" => new SecurityPortal.Data.SqlServer.DesignTimeFactory().CreateDbContext([]),
        _ => new SecurityPortal.Data.PostgreSql.DesignTimeFactory().CreateDbContext([]),
    };

    [Trait("Category", "ProviderIndependent")]
    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_provider_has_a_migration_for_every_model_change(string provider)
    {
        using var db = DesignTimeContext(provider);
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model changed without a migration; run scripts/add-migration.sh");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Trait("Category", "ProviderIndependent")]
    [Fact]
    public void All_providers_have_the_same_migrations()
    {
        var names = ProviderNames
            .Select(p => DesignTimeContext(p).Database.GetMigrations().Select(m => m[15..]).ToList()).ToList();
        Assert.All(names, n => Assert.Equal(names[0], n));
    }

    [Fact]
    public async Task An_empty_database_is_migrated_to_the_current_schema()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.CreateMigratedContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Agencies.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
        // Migrating again is a no-op.
        await db.Database.MigrateAsync();
    }

    [Fact]
    public async Task Dossiers_that_existed_before_the_queue_order_column_get_their_step_deadline_as_sort_key()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ids = new Guid[3];
        await using (var db = await database.CreateMigratedContextAsync())
        {
            var agency = new Agency("SL-MIG", "Sở Thông tin và Truyền thông", AgencyKind.Department);
            var system = new InformationSystem("MIG-1", "Cổng thông tin điện tử", agency.Id, agency.Id);
            db.AddRange(agency, system);
            var actor = new DossierActor("u-1", "Cán bộ", IsReviewer: false, IsOwnerOfficer: true);
            for (var i = 0; i < ids.Length; i++)
            {
                var dossier = LevelDossier.Start(system, actor, new DateOnly(2026, 11, 2), DateTime.UtcNow, null);
                ids[i] = dossier.Id;
                db.LevelDossiers.Add(dossier);
            }

            await db.SaveChangesAsync();
        }

        // Back to the schema before the column, put two dossiers in steps with a deadline as an older version would
        // have stored them, and migrate forward again.
        await using var migrating = database.CreateContext();
        var migrator = migrating.GetService<IMigrator>();
        var migrations = migrating.Database.GetMigrations().ToList();
        var withColumn = migrations.FindIndex(m => m.EndsWith("_QueueOrder", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[withColumn - 1]);
        await using (var db = database.CreateContext())
        {
            await db.LevelDossiers.Where(d => d.Id == ids[0]).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DossierState.Submitted).SetProperty(d => d.CompletenessDue, new DateOnly(2026, 11, 20)));
            await db.LevelDossiers.Where(d => d.Id == ids[1]).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DossierState.AwaitingApproval).SetProperty(d => d.CompletenessDue, new DateOnly(2026, 11, 5))
                .SetProperty(d => d.ApprovalDue, new DateOnly(2026, 12, 10)));
        }

        await migrator.MigrateAsync();
        await using var read = database.CreateContext();
        // Projected, so the stored column is read (a loaded dossier computes the key from its state).
        var keys = (await read.LevelDossiers.Select(d => new { d.Id, d.QueueOrder }).ToListAsync()).ToDictionary(d => d.Id, d => d.QueueOrder);
        Assert.Equal(new DateOnly(2026, 11, 20), keys[ids[0]]);
        Assert.Equal(new DateOnly(2026, 12, 10), keys[ids[1]]);
        Assert.Equal(DateOnly.MaxValue, keys[ids[2]]);
    }

    [Fact]
    public async Task Refreshing_the_statistics_gives_the_SQLite_planner_figures_and_is_harmless_elsewhere()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.CreateMigratedContextAsync();
        db.Agencies.Add(new Agency("SL-STAT", "Sở Nội vụ", AgencyKind.Department));
        await db.SaveChangesAsync();

        await QueryStatistics.RefreshAsync(db, CancellationToken.None);

        if (db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            var analysed = await db.Database.SqlQueryRaw<string>("SELECT tbl AS \"Value\" FROM sqlite_stat1").ToListAsync();
            Assert.Contains("Agencies", analysed);
        }
    }

    [Trait("Category", "ProviderIndependent")]
    [Fact]
    public void The_SQL_Server_idempotent_script_parses_without_errors_or_destructive_statements()
    {
        using var db = DesignTimeContext("SqlServer");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [Agencies]", script, StringComparison.Ordinal);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = (TSqlScript)parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"line {e.Line}: {e.Message}")));
        var statements = fragment.Batches.Sum(b => b.Statements.Count);
        Assert.True(statements > 20, $"only {statements} statements parsed");

        var destructive = new DestructiveStatementFinder();
        fragment.Accept(destructive);
        Assert.Empty(destructive.Found);
    }

    [Trait("Category", "ProviderIndependent")]
    [Fact]
    public void The_parser_gate_catches_a_broken_script()
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader("CREATE TABLE [X] ([Id] int NOT NULL,, );");
        parser.Parse(reader, out var errors);
        Assert.NotEmpty(errors);
    }

    /// <summary>Flags schema changes that can lose data; such a migration needs a reviewed exception.</summary>
    private sealed class DestructiveStatementFinder : TSqlFragmentVisitor
    {
        public List<string> Found { get; } = [];

        public override void Visit(DropTableStatement node) => Found.Add("DROP TABLE");

        public override void Visit(AlterTableDropTableElementStatement node) => Found.Add("ALTER TABLE DROP");

        public override void Visit(TruncateTableStatement node) => Found.Add("TRUNCATE");
    }
}
