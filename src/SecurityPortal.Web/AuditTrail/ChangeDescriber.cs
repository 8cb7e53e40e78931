using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SecurityPortal.Data;
using SecurityPortal.Data.Interceptors;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.AuditTrail;

/// <summary>
/// One field of one change: its form label and its value before and after, as people read them. <paramref name="Words"/>:
/// the values are the portal's own words (an enum's name, «Có»/«Không», the secret marker), which a view translates,
/// rather than what somebody typed.
/// </summary>
public sealed record FieldChange(string Label, string Before, string After, bool Words = false);

/// <summary>One audit entry, readable: Vietnam time, who (by name), what was done to what, and the fields that changed.</summary>
public sealed record ChangeRow(string When, string Actor, string Action, string Entity, string Subject, IReadOnlyList<FieldChange> Fields, string? ClientAddress = null);

/// <summary>The model of the <c>_ChangeHistory</c> partial. <paramref name="ShowSubject"/>: the audit log names the record of each row.</summary>
public sealed record ChangeHistory(IReadOnlyList<ChangeRow> Rows, string Caption, bool ShowSubject = false);

/// <summary>
/// Turns audit entries into <see cref="ChangeRow"/>s for every history view (the audit log, a system's, an agency's):
/// labels from <see cref="AuditVocabulary"/>, enum values by their Vietnamese names, ids by the names of the agencies,
/// systems, users and records they point to, dates as dd/MM/yyyy HH:mm Vietnam time. Bookkeeping columns are left out
/// and secrets read «đã thay đổi». It reads names only for ids found in entries the caller already selected (and scoped).
/// </summary>
public sealed class ChangeDescriber(PortalDbContext db)
{
    /// <summary>Shown for a value the trail holds as empty.</summary>
    public const string Empty = "—";

    /// <summary>Shown for an id whose record has no name to show (or no longer exists).</summary>
    public const string Unnamed = "(bản ghi liên quan)";

    /// <summary>The actor of a change made outside a request (a background loop, the seed).</summary>
    public const string SystemActor = "Hệ thống";

    /// <summary>The field line of a change the trail recorded without its fields (too long to keep).</summary>
    public const string TooLong = "Nội dung thay đổi quá dài, không ghi chi tiết";

    private static readonly FrozenDictionary<Type, MethodInfo> EnumNames = typeof(Entity).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: true, IsSealed: true })
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
        .Where(m => m.Name == "Vietnamese" && m.ReturnType == typeof(string) && m.GetParameters() is [{ ParameterType.IsEnum: true }])
        .ToFrozenDictionary(m => m.GetParameters()[0].ParameterType);

    /// <summary>The words a history's values may hold besides the enums' names (localizer keys), for the English coverage test.</summary>
    public static IEnumerable<string> ValueWords => [AuditVocabulary.SecretChanged, "Có", "Không", .. TokenNames.Values];

    private static readonly FrozenDictionary<string, string> TokenNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AuthenticatorKey"] = "Khóa ứng dụng xác thực", ["RecoveryCodes"] = "Mã khôi phục",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    private static FrozenDictionary<string, FieldType>? _fieldTypes;

    /// <summary>A field's CLR type (without Nullable) and, for a foreign key, the CLR name of the entity it points to.</summary>
    private sealed record FieldType(Type Clr, string? Principal);

    /// <summary>The latest changes of one aggregate (a system with its parts, an agency), newest first. The caller has checked that the user sees it.</summary>
    public async Task<IReadOnlyList<ChangeRow>> HistoryOfAsync(Guid aggregateId, int rows, CancellationToken cancellationToken)
    {
        var key = aggregateId.ToString();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.AggregateKey == key)
            .OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id)
            .Take(rows)
            .ToListAsync(cancellationToken);
        return await DescribeAsync(entries, cancellationToken);
    }

    /// <summary>The entries as readable rows, in their order.</summary>
    public async Task<IReadOnlyList<ChangeRow>> DescribeAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var types = FieldTypes(db.Model);
        var parsed = entries.Select(e => (Entry: e, Changes: Parse(e.Changes))).ToList();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (entry, changes) in parsed)
        {
            AddId(ids, entry.UserId);
            AddId(ids, entry.AggregateKey.Split(',')[0]);
            foreach (var value in changes.SelectMany(c => c.Values))
            {
                AddId(ids, value.ValueKind == JsonValueKind.String ? value.GetString() : null);
            }
        }

        var names = await NamesAsync(ids, cancellationToken);
        return parsed.Select(p => Describe(p.Entry, p.Changes, types, names)).ToList();
    }

    /// <summary>The audit log's filter: every audited entity by its Vietnamese name (the value stays the stored CLR name).</summary>
    public IReadOnlyList<(string Value, string Name)> EntityChoices() =>
        [.. AuditedEntities(db.Model)
            .Select(t => (Value: t, Name: AuditVocabulary.EntityName(t) ?? t))
            .OrderBy(c => c.Name, StringComparer.Create(Vietnamese, ignoreCase: true))];

    /// <summary>The CLR names of the entities the trail records.</summary>
    public static IEnumerable<string> AuditedEntities(IModel model) =>
        model.GetEntityTypes().Where(t => !t.IsOwned() && AuditInterceptor.IsAudited(t.ClrType)).Select(t => t.ClrType.Name).Distinct();

    /// <summary>Every field the trail may write (entity CLR name, field name as the trail names it), for the vocabulary's check.</summary>
    public static IEnumerable<(string Entity, string Field)> AuditedFields(IModel model)
    {
        var audited = AuditedEntities(model).ToHashSet(StringComparer.Ordinal);
        return FieldTypes(model).Keys.Select(k => k.Split('|')).Where(k => audited.Contains(k[0])).Select(k => (k[0], k[1]));
    }

    private static ChangeRow Describe(AuditEntry entry, IReadOnlyList<Change> changes, FrozenDictionary<string, FieldType> types, IReadOnlyDictionary<string, string> names)
    {
        var entity = entry.EntityType;
        var fields = new List<FieldChange>();
        foreach (var change in changes)
        {
            if (change.Field is null)
            {
                fields.Add(new FieldChange(TooLong, string.Empty, string.Empty));
                continue;
            }

            if (AuditVocabulary.IsHidden(entity, change.Field))
            {
                continue;
            }

            var label = AuditVocabulary.FieldLabel(entity, change.Field) ?? change.Field;
            if (AuditVocabulary.IsSecret(entity, change.Field))
            {
                fields.Add(new FieldChange(label, string.Empty, AuditVocabulary.SecretChanged, Words: true));
                continue;
            }

            var type = types.GetValueOrDefault($"{entity}|{change.Field}");
            var words = type?.Clr.IsEnum == true || IsToken(entity, change.Field) || change.Values.Any(v => v.ValueKind is JsonValueKind.True or JsonValueKind.False);
            fields.Add(new FieldChange(label, Format(entity, change.Field, change.Before, type, names), Format(entity, change.Field, change.After, type, names), words));
        }

        var actor = entry.UserId is { } userId ? names.GetValueOrDefault(userId) ?? entry.UserName ?? userId : null;
        return new ChangeRow(
            Display.DateTime(entry.OccurredAtUtc),
            actor ?? SystemActor,
            ActionName(entry.Action),
            AuditVocabulary.EntityName(entity) ?? entity,
            Subject(entry, changes, names),
            fields,
            entry.ClientAddress);
    }

    /// <summary>What was done, as the history's action column reads it (a localizer key).</summary>
    public static string ActionName(AuditAction action) => action switch { AuditAction.Insert => "Thêm", AuditAction.Delete => "Xóa", _ => "Sửa" };

    /// <summary>The record a row is about: the aggregate's name, else the row's own name, title or address.</summary>
    private static string Subject(AuditEntry entry, IReadOnlyList<Change> changes, IReadOnlyDictionary<string, string> names)
    {
        if (names.GetValueOrDefault(entry.AggregateKey.Split(',')[0]) is { } name)
        {
            return name;
        }

        var own = changes.FirstOrDefault(c => c.Field is "FullName" or "Name" or "Title" or "Url" or "Product" or "FileName");
        var value = own?.After.ValueKind == JsonValueKind.String ? own.After.GetString() : own?.Before.ValueKind == JsonValueKind.String ? own.Before.GetString() : null;
        return value is null || Guid.TryParse(value, out _) ? string.Empty : value;
    }

    private static string Format(string entity, string field, JsonElement value, FieldType? type, IReadOnlyDictionary<string, string> names)
    {
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return Empty;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (text == AuditInterceptor.SecretMarker)
        {
            return AuditVocabulary.SecretChanged;
        }

        if (Guid.TryParse(text, out _))
        {
            return names.GetValueOrDefault(text)
                ?? (type?.Principal is { } principal && AuditVocabulary.EntityName(principal) is { } kind ? $"({kind})" : Unnamed);
        }

        var clr = type?.Clr;
        if (IsToken(entity, field))
        {
            return TokenNames.GetValueOrDefault(text, text);
        }

        if (entity == nameof(DossierSectionReview) && field == nameof(DossierSectionReview.Section))
        {
            return DossierSections.Title(text) ?? text;
        }

        return clr switch
        {
            _ when value.ValueKind is JsonValueKind.True => "Có",
            _ when value.ValueKind is JsonValueKind.False => "Không",
            { IsEnum: true } => EnumName(clr, value, text),
            _ when clr == typeof(DateTime) && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc) =>
                Display.DateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            _ when clr == typeof(DateTimeOffset) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) =>
                Display.DateTime(at.UtcDateTime),
            _ when clr == typeof(DateOnly) && DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var day) => Display.Date(day),
            _ when field == "Length" && clr == typeof(long) && value.TryGetInt64(out var bytes) => Display.Size(bytes),
            _ when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) => number.ToString("#,0.##", Vietnamese),
            _ => text,
        };
    }

    private static bool IsToken(string entity, string field) => entity == "IdentityUserToken`1" && field == "Name";

    private static string EnumName(Type enumType, JsonElement value, string text)
    {
        object? parsed = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? Enum.ToObject(enumType, number)
            : Enum.TryParse(enumType, text, out var named) ? named : null;
        return parsed is not null && EnumNames.TryGetValue(enumType, out var method)
            ? (string)method.Invoke(null, [parsed])!
            : text;
    }

    private sealed record Change(string? Field, JsonElement Before, JsonElement After)
    {
        public IEnumerable<JsonElement> Values => [Before, After];
    }

    /// <summary>The trail's JSON (field → [before, after]); a field of <c>null</c> stands for a record too long to keep.</summary>
    private static List<Change> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var changes = new List<Change>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "truncated" && property.Value.ValueKind == JsonValueKind.True)
                {
                    changes.Add(new Change(null, default, default));
                }
                else if (property.Value is { ValueKind: JsonValueKind.Array } pair && pair.GetArrayLength() == 2)
                {
                    changes.Add(new Change(property.Name, pair[0].Clone(), pair[1].Clone()));
                }
            }

            return changes;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static void AddId(HashSet<string> ids, string? value)
    {
        if (value is not null && Guid.TryParse(value, out _))
        {
            ids.Add(value);
        }
    }

    /// <summary>The names of the records the ids point to: agencies, systems, users, roles, and the records with a title.</summary>
    private async Task<IReadOnlyDictionary<string, string>> NamesAsync(HashSet<string> ids, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (ids.Count == 0)
        {
            return names;
        }

        var keys = ids.ToList();
        var guids = ids.Select(Guid.Parse).Distinct().ToList();
        void Add(IEnumerable<(string Id, string? Name)> found)
        {
            foreach (var (id, name) in found.Where(f => !string.IsNullOrWhiteSpace(f.Name)))
            {
                names.TryAdd(id, name!);
            }
        }

        Add((await db.Users.AsNoTracking().Where(u => keys.Contains(u.Id)).Select(u => new { u.Id, u.FullName, u.Email }).ToListAsync(cancellationToken))
            .Select(u => (u.Id, (string?)(string.IsNullOrWhiteSpace(u.FullName) ? u.Email : u.FullName))));
        Add((await db.Roles.AsNoTracking().Where(r => keys.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToListAsync(cancellationToken))
            .Select(r => (r.Id, (string?)PortalRoles.DisplayName(r.Name ?? string.Empty))));
        Add(Named(await db.Agencies.AsNoTracking().Where(a => guids.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken), a => (a.Id, a.Name)));
        Add(Named(await db.InformationSystems.AsNoTracking().Where(s => guids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken), s => (s.Id, s.Name)));
        Add(Named(await db.RemediationTasks.AsNoTracking().Where(t => guids.Contains(t.Id)).Select(t => new { t.Id, t.Title }).ToListAsync(cancellationToken), t => (t.Id, t.Title)));
        Add(Named(await db.Incidents.AsNoTracking().Where(i => guids.Contains(i.Id)).Select(i => new { i.Id, i.Title }).ToListAsync(cancellationToken), i => (i.Id, i.Title)));
        Add(Named(await db.VulnerabilityWarnings.AsNoTracking().Where(w => guids.Contains(w.Id)).Select(w => new { w.Id, w.Title }).ToListAsync(cancellationToken), w => (w.Id, w.Title)));
        Add(Named(await db.Campaigns.AsNoTracking().Where(c => guids.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToListAsync(cancellationToken), c => (c.Id, c.Title)));
        Add(Named(await db.CatalogVersions.AsNoTracking().Where(v => guids.Contains(v.Id)).Select(v => new { v.Id, v.Title }).ToListAsync(cancellationToken), v => (v.Id, v.Title)));
        Add(Named(await db.CatalogRequirements.AsNoTracking().Where(r => guids.Contains(r.Id)).Select(r => new { r.Id, r.Code, r.Title }).ToListAsync(cancellationToken), r => (r.Id, $"{r.Code} {r.Title}")));
        Add(Named(await db.WatchedWebsites.AsNoTracking().Where(w => guids.Contains(w.Id)).Select(w => new { w.Id, w.Url }).ToListAsync(cancellationToken), w => (w.Id, w.Url)));
        return names;

        // A Guid key is written in the trail as Guid.ToString() ("D", lower case); the lookup ignores case anyway.
        static IEnumerable<(string, string?)> Named<T>(IEnumerable<T> rows, Func<T, (Guid Id, string? Name)> pick) =>
            rows.Select(pick).Select(r => (r.Id.ToString(), r.Name));
    }

    private static FrozenDictionary<string, FieldType> FieldTypes(IModel model) => _fieldTypes ??= BuildFieldTypes(model);

    /// <summary>Each field as the trail names it (key <c>Entity|Field</c>): own properties, complex ones as "Facts.UserCount", owned ones bare.</summary>
    private static FrozenDictionary<string, FieldType> BuildFieldTypes(IModel model)
    {
        var fields = new Dictionary<string, FieldType>(StringComparer.Ordinal);
        foreach (var entityType in model.GetEntityTypes().Where(t => !t.IsOwned()))
        {
            var entity = entityType.ClrType.Name;
            var properties = entityType.GetProperties().Select(p => (p.Name, Property: (IReadOnlyProperty)p))
                .Concat(entityType.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties().Select(p => ($"{c.Name}.{p.Name}", (IReadOnlyProperty)p))))
                .Concat(entityType.GetNavigations().Where(n => n.TargetEntityType.IsOwned())
                    .SelectMany(n => n.TargetEntityType.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => (p.Name, (IReadOnlyProperty)p))));
            foreach (var (name, property) in properties)
            {
                var principal = property.GetContainingForeignKeys().Select(k => k.PrincipalEntityType).FirstOrDefault(t => !t.IsOwned())?.ClrType.Name;
                fields.TryAdd($"{entity}|{name}", new FieldType(Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType, principal));
            }
        }

        return fields.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
