using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Data.Interceptors;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every insert, update and delete, in the same SaveChanges
/// and therefore the same transaction as the change. Secrets never reach the trail.
/// </summary>
public sealed class AuditInterceptor(ICurrentActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>
    /// Bookkeeping properties, never written to the trail. Secrets (<see cref="SecretProperties"/>, and a user token's
    /// value: the authenticator key, the recovery codes) are written as changed, without their values.
    /// </summary>
    private static readonly HashSet<string> ExcludedProperties = new(StringComparer.Ordinal)
    {
        "ConcurrencyStamp", "LastTotpTimeStep", "LastSeenAtUtc", "LastUsedAtUtc", "SecretHash", "NormalizedEmail", "NormalizedUserName", "NormalizedName", "SearchName",
    };

    /// <summary>Secrets: a change is recorded under <see cref="SecretMarker"/>, without the value.</summary>
    private static readonly HashSet<string> SecretProperties = new(StringComparer.Ordinal) { "PasswordHash", "SecurityStamp" };

    public const string SecretMarker = "(bí mật, không ghi giá trị)";

    /// <summary>Vietnamese stays readable in the stored JSON; markup characters are still escaped.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Tables that hold only secrets (the key ring), are the trail itself, are message plumbing (notifications, mail queue, reminder keys, form submission keys, export progress) or are machine logs never changed (website checks; the watch's changes are audited) or are figures kept from audited rows (the dashboard's roll-ups).</summary>
    private static readonly HashSet<Type> ExcludedTypes =
    [
        typeof(AuditEntry), typeof(DataProtectionKey), typeof(Imports.ImportDraft), typeof(Submissions.FormSubmission), typeof(Exports.ExportTicket),
        typeof(Domain.Notifications.Notification), typeof(Domain.Notifications.OutboxMail), typeof(Domain.Notifications.ReminderLog),
        typeof(Domain.Reporting.FigureSnapshot), typeof(Domain.Reporting.FigureRollup),
        typeof(Domain.Reporting.FigureGroupRollup), typeof(Domain.Reporting.FigureRollupBasis), typeof(Domain.Websites.WebsiteCheck),
    ];

    /// <summary>Whether changes to entities of this type are written to the trail.</summary>
    public static bool IsAudited(Type entityType) => !ExcludedTypes.Contains(entityType);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            // An owned part (an attachment's UploadedFile) is written with its owner, under the owner's columns.
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)
                || entry.Metadata.IsOwned()
                || !IsAudited(entry.Metadata.ClrType))
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Insert,
                EntityState.Deleted => AuditAction.Delete,
                _ => AuditAction.Update,
            };
            var changes = DescribeChanges(entry, action);
            if (action == AuditAction.Update && changes.Count == 0)
            {
                continue;
            }

            entries.Add(new AuditEntry
            {
                OccurredAtUtc = now,
                UserId = actor.UserId,
                UserName = actor.UserName,
                UserAgencyId = actor.AgencyId,
                EntityType = entry.Metadata.ClrType.Name,
                EntityKey = KeyOf(entry),
                AggregateKey = entry.Entity is IAggregatePart part ? part.AggregateId.ToString() : KeyOf(entry),
                Action = action,
                Changes = Serialize(changes),
                TraceId = actor.TraceId,
                ClientAddress = actor.ClientAddress,
            });
        }

        context.Set<AuditEntry>().AddRange(entries);
    }

    private static Dictionary<string, object?[]> DescribeChanges(EntityEntry entry, AuditAction action)
    {
        var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        // Complex properties (a dossier's facts and content) are written as "Facts.UserCount". An owned part shares its
        // owner's table and is written under its bare column name ("FileName", "Sha256"), in the owner's order: key first,
        // then by name, as when the six file columns were the attachment's own properties.
        var properties = ScalarProperties(entry)
            .Concat(entry.ComplexProperties.SelectMany(c => c.Properties.Select(p => (Name: $"{c.Metadata.Name}.{p.Metadata.Name}", Entry: p))));
        foreach (var (name, property) in properties)
        {
            if (SecretProperties.Contains(name) || entry.Entity is IdentityUserToken<string> && name == nameof(IdentityUserToken<string>.Value))
            {
                // That a secret changed is recorded, never its value: a password change is in the trail.
                if (action == AuditAction.Update && property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                {
                    changes[name] = [SecretMarker, SecretMarker];
                }

                continue;
            }

            if (ExcludedProperties.Contains(name))
            {
                continue;
            }

            switch (action)
            {
                case AuditAction.Insert:
                    if (property.CurrentValue is not null)
                    {
                        changes[name] = [null, property.CurrentValue];
                    }

                    break;
                case AuditAction.Delete:
                    changes[name] = [property.OriginalValue, null];
                    break;
                default:
                    if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                    {
                        changes[name] = [property.OriginalValue, property.CurrentValue];
                    }

                    break;
            }
        }

        return changes;
    }

    private static IEnumerable<(string Name, PropertyEntry Entry)> ScalarProperties(EntityEntry entry)
    {
        var own = entry.Properties.Select(p => (Name: p.Metadata.Name, Entry: p));
        var owned = entry.References
            .Where(r => r.Metadata.TargetEntityType.IsOwned() && r.TargetEntry is not null)
            .SelectMany(r => r.TargetEntry!.Properties.Where(p => !p.Metadata.IsPrimaryKey()))
            .Select(p => (Name: p.Metadata.Name, Entry: p))
            .ToList();
        return owned.Count == 0
            ? own
            : own.Concat(owned).OrderBy(p => p.Entry.Metadata.IsPrimaryKey() ? 0 : 1).ThenBy(p => p.Name, StringComparer.Ordinal);
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null
            ? string.Empty
            : string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string Serialize(Dictionary<string, object?[]> changes)
    {
        var json = JsonSerializer.Serialize(changes, JsonOptions);
        if (json.Length <= AuditEntry.ChangesMaxLength)
        {
            return json;
        }

        // A field too long for the trail keeps its name and the start of its values.
        var shortened = changes.ToDictionary(
            c => c.Key,
            c => c.Value.Select(v => v is string s && s.Length > 200 ? s[..200] + "…" : v).ToArray());
        json = JsonSerializer.Serialize(shortened, JsonOptions);
        return json.Length <= AuditEntry.ChangesMaxLength ? json : JsonSerializer.Serialize(new { truncated = true });
    }
}
