using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SecurityPortal.Data;

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

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_provider_has_a_migration_for_every_model_change(string provider)
    {
        using var db = DesignTimeContext(provider);
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model changed without a migration; run scripts/add-migration.sh");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

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
