using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SecurityPortal.Data.SqlServer;

namespace SecurityPortal.Tests;

/// <summary>
/// No SQL Server runs here, so the schema is checked offline: DacFx builds an in-memory SQL Server 2022 model
/// from the EF Core create script and resolves every reference (columns, keys, the audit trigger's table).
/// </summary>
/// <remarks>Touches no database: ./test.sh runs it in the SQLite pass only (Category=ProviderIndependent).</remarks>
[Trait("Category", "ProviderIndependent")]
public sealed class SqlServerSchemaTests
{
    [Fact]
    public void The_SQL_Server_schema_and_audit_trigger_validate_in_a_DacFx_model()
    {
        using var db = new DesignTimeFactory().CreateDbContext([]);
        var script = db.Database.GenerateCreateScript();

        using var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        var batches = Batches(script).ToList();
        Assert.True(batches.Count > 10, $"only {batches.Count} batches");
        foreach (var batch in batches)
        {
            model.AddObjects(batch);
        }

        model.AddObjects(AuditTrailSql.CreateTrigger);
        var errors = model.Validate().Where(m => m.MessageType == DacMessageType.Error).Select(m => m.ToString()).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Contains(model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Table), t => t.Name.ToString() == "[dbo].[AuditEntries]");
        Assert.Single(model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.DmlTrigger));
    }

    [Fact]
    public void DacFx_reports_a_reference_to_a_missing_column()
    {
        using var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        model.AddObjects("CREATE TABLE [dbo].[A] ([Id] int NOT NULL PRIMARY KEY);");
        model.AddObjects("CREATE VIEW [dbo].[V] AS SELECT [Missing] FROM [dbo].[A];");
        Assert.Contains(model.Validate(), m => m.MessageType == DacMessageType.Error && m.ToString().Contains("SQL71501", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Batches(string script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = (TSqlScript)parser.Parse(reader, out var errors);
        Assert.Empty(errors);
        // A model holds the schema only: the batches that insert seeded rows (HasData, with their IDENTITY_INSERT guards)
        // were parsed above and are left out of it.
        return fragment.Batches
            .Where(b => !b.Statements.All(s => s is InsertStatement or SetIdentityInsertStatement or IfStatement))
            .Select(b => script.Substring(b.StartOffset, b.FragmentLength))
            .Where(text => !string.IsNullOrWhiteSpace(text));
    }
}
