using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SecurityPortal.Data;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Reporting;

/// <summary>
/// Keeps the dashboard's figures (<see cref="Domain.Reporting.FigureRollup"/>) in step with the registry in the same
/// transaction as each change: while a SaveChanges is prepared it notes the agencies whose systems, dossiers,
/// assessments, tasks or components change (both owners when a system moves), and just before that transaction
/// commits it counts those agencies again on the same connection and transaction. The count covers one agency's
/// systems, so a change costs what its agency holds, not what the province holds.
/// </summary>
public sealed class FigureRollupKeeper(DatabaseOptions database, RegistryOptions registry, TimeProvider clock) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private sealed class Pending
    {
        public HashSet<Guid> Agencies { get; } = [];
        public HashSet<Guid> Systems { get; } = [];
    }

    /// <summary>
    /// The properties the figures read, per entity type (docs/dashboard.md): a change to any other property (an answer's
    /// text, a description, a stamp) counts nothing again. Additions and deletions always count.
    /// </summary>
    private static readonly Dictionary<Type, string[]> Counted = new()
    {
        [typeof(InformationSystem)] = [nameof(InformationSystem.OwnerAgencyId), nameof(InformationSystem.Lifecycle), nameof(InformationSystem.ApprovedLevel)],
        [typeof(LevelDossier)] = [nameof(LevelDossier.SystemId), nameof(LevelDossier.State), nameof(LevelDossier.CompletenessDue), nameof(LevelDossier.AppraisalDue), nameof(LevelDossier.ApprovalDue)],
        [typeof(Assessment)] =
        [
            nameof(Assessment.SystemId), nameof(Assessment.Cycle), nameof(Assessment.State), nameof(Assessment.FiledScore), nameof(Assessment.FiledDeployment),
            nameof(Assessment.CampaignId), nameof(Assessment.FiledGroups), nameof(Assessment.CatalogVersionId),
        ],
        [typeof(RemediationTask)] = [nameof(RemediationTask.SystemId), nameof(RemediationTask.Status), nameof(RemediationTask.Severity), nameof(RemediationTask.DueDate), nameof(RemediationTask.Source)],
        [typeof(SoftwareComponent)] = [nameof(SoftwareComponent.SystemId), nameof(SoftwareComponent.EndOfLife), nameof(SoftwareComponent.LastPatched)],
    };

    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        RecountAsync(transaction, eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await RecountAsync(transaction, eventData.Context, cancellationToken);
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        Forget(eventData.Context);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>A context of its own for the counting, without interceptors or retries (it runs inside another's transaction).</summary>
    public static PortalDbContext BareContext(DatabaseOptions database, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(builder, new DatabaseOptions { Provider = database.Provider, RetryCount = 0 }, connectionString);
        return new PortalDbContext(builder.Options);
    }

    /// <summary>
    /// Serialises the counting of the same agencies on servers where transactions run side by side (PostgreSQL, SQL
    /// Server): a full recount takes the lock on everything, a change shares it and takes its agencies' own. SQLite
    /// has one writer at a time already.
    /// </summary>
    public static async Task LockAsync(PortalDbContext db, DatabaseProvider provider, IReadOnlyCollection<Guid>? agencies, CancellationToken cancellationToken)
    {
        var keys = agencies is null ? [] : agencies.Select(a => "figures:" + a.ToString("N")).Order(StringComparer.Ordinal).ToList();
        switch (provider)
        {
            case DatabaseProvider.PostgreSql:
                await db.Database.ExecuteSqlRawAsync(agencies is null ? "SELECT pg_advisory_xact_lock(20211)" : "SELECT pg_advisory_xact_lock_shared(20211)", cancellationToken);
                foreach (var key in keys)
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(20211, hashtext({key}))", cancellationToken);
                }

                break;
            case DatabaseProvider.SqlServer:
                var mode = agencies is null ? "Exclusive" : "Shared";
                await db.Database.ExecuteSqlAsync($"EXEC sp_getapplock @Resource = 'figures', @LockMode = {mode}, @LockOwner = 'Transaction'", cancellationToken);
                foreach (var key in keys)
                {
                    await db.Database.ExecuteSqlAsync($"EXEC sp_getapplock @Resource = {key}, @LockMode = 'Exclusive', @LockOwner = 'Transaction'", cancellationToken);
                }

                break;
            default:
                break;
        }
    }

    private void Note(DbContext? context)
    {
        if (context is not PortalDbContext db)
        {
            return;
        }

        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }

        Pending? noted = null;
        Pending Noted() => noted ??= pending.GetValue(db, _ => new Pending());
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || !Counted.TryGetValue(entry.Metadata.ClrType, out var read)
                || (entry.State == EntityState.Modified && !read.Any(p => entry.Property(p).IsModified)))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case InformationSystem:
                    Both(entry, nameof(InformationSystem.OwnerAgencyId), Noted().Agencies);
                    break;
                case LevelDossier or Assessment or RemediationTask or SoftwareComponent:
                    Both(entry, "SystemId", Noted().Systems);
                    break;
                default:
                    break;
            }
        }

        if (noted is not null)
        {
            // One transaction even for a single statement, so the figures are counted before it commits.
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
    }

    private static void Both(EntityEntry entry, string property, HashSet<Guid> into)
    {
        var p = entry.Property(property);
        if (entry.State != EntityState.Added && p.OriginalValue is Guid original)
        {
            into.Add(original);
        }

        if (entry.State != EntityState.Deleted && p.CurrentValue is Guid current)
        {
            into.Add(current);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
        }
    }

    private async Task RecountAsync(DbTransaction transaction, DbContext? context, CancellationToken cancellationToken)
    {
        if (context is not PortalDbContext db || !pending.TryGetValue(db, out var noted) || (noted.Agencies.Count == 0 && noted.Systems.Count == 0))
        {
            return;
        }

        await using var bare = BareContext(database, db.Database.GetConnectionString()!);
        bare.Database.SetDbConnection(transaction.Connection, contextOwnsConnection: false);
        await bare.Database.UseTransactionAsync(transaction, cancellationToken);
        var agencies = noted.Agencies.ToHashSet();
        if (noted.Systems.Count > 0)
        {
            var systems = noted.Systems.ToList();
            agencies.UnionWith(await bare.InformationSystems.Where(s => systems.Contains(s.Id)).Select(s => s.OwnerAgencyId).Distinct().ToListAsync(cancellationToken));
        }

        var ids = agencies.ToList();
        await LockAsync(bare, database.Provider, ids, cancellationToken);
        var basis = await FigureBasis.ReadAsync(bare, clock, registry.MaxDaysSincePatch, cancellationToken);
        await FigureCounter.RecountAgenciesAsync(bare, ids, basis, cancellationToken);
        await bare.SaveChangesAsync(cancellationToken);
    }
}
