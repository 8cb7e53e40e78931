using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Imports;

public enum SbomChangeKind
{
    Added,
    Removed,
    VersionChanged,
    IdentifiersChanged,
}

/// <summary>One change an SBOM makes to a system's inventory.</summary>
public sealed record SbomChange(SbomChangeKind Kind, string Product, string? OldVersion, string? NewVersion, string? Identifier, SoftwareComponent? Existing, SbomComponent? Incoming);

/// <summary>
/// The difference between a system's components and an SBOM: components are matched by purl (type, namespace and
/// name), else by CPE (vendor and product), else by name; within a match, the same version first, so that a package
/// present in two versions pairs each with its own. A file applied a second time finds nothing to change.
/// </summary>
public static class SbomImport
{
    public static IReadOnlyList<SbomChange> Diff(IReadOnlyList<SoftwareComponent> current, IReadOnlyList<SbomComponent> incoming)
    {
        // The same component listed twice (a nested copy, a repeated dependency) counts once.
        var items = incoming
            .GroupBy(i => (Key(i.Purl, i.Cpe, i.Product), i.Version ?? string.Empty))
            .Select(g => g.First())
            .ToList();
        var unmatched = current.ToList();
        var pairs = new List<(SoftwareComponent Existing, SbomComponent Incoming)>();
        foreach (var sameVersion in new[] { true, false })
        {
            foreach (var item in items.Where(i => pairs.All(p => p.Incoming != i)).ToList())
            {
                var existing = unmatched.FirstOrDefault(c => Same(c, item) && (!sameVersion || string.Equals(c.Version, item.Version, StringComparison.Ordinal)));
                if (existing is not null)
                {
                    unmatched.Remove(existing);
                    pairs.Add((existing, item));
                }
            }
        }

        var changes = new List<SbomChange>();
        foreach (var (existing, item) in pairs.OrderBy(p => items.IndexOf(p.Incoming)))
        {
            if (!string.Equals(existing.Version, item.Version, StringComparison.Ordinal))
            {
                changes.Add(new(SbomChangeKind.VersionChanged, existing.Product, existing.Version, item.Version, item.Purl ?? item.Cpe, existing, item));
            }
            else if ((item.Purl is not null && Canonical(item.Purl) != existing.Purl) || (item.Cpe is not null && CanonicalCpe(item.Cpe) != existing.Cpe))
            {
                changes.Add(new(SbomChangeKind.IdentifiersChanged, existing.Product, existing.Version, item.Version, item.Purl ?? item.Cpe, existing, item));
            }
        }

        changes.AddRange(items.Where(i => pairs.All(p => p.Incoming != i))
            .Select(i => new SbomChange(SbomChangeKind.Added, i.Product, null, i.Version, i.Purl ?? i.Cpe, null, i)));
        changes.AddRange(unmatched.Select(c => new SbomChange(SbomChangeKind.Removed, c.Product, c.Version, null, c.Purl ?? c.Cpe, c, null)));
        return changes;
    }

    /// <summary>Applies the changes to the system (the caller saves them in one transaction). Throws when the result breaks a rule.</summary>
    public static void Apply(InformationSystem system, IReadOnlyList<SbomChange> changes)
    {
        var added = changes.Count(c => c.Kind == SbomChangeKind.Added);
        var removed = changes.Count(c => c.Kind == SbomChangeKind.Removed);
        if (system.Components.Count + added - removed > SoftwareComponents.MaxPerSystem)
        {
            throw new DomainException($"Sau khi nhập, hệ thống sẽ có {system.Components.Count + added - removed} thành phần; tối đa {SoftwareComponents.MaxPerSystem}.");
        }

        foreach (var change in changes)
        {
            switch (change.Kind)
            {
                case SbomChangeKind.Removed:
                    system.RemoveComponent(change.Existing!.Id);
                    break;
                case SbomChangeKind.Added:
                    var item = change.Incoming!;
                    system.AddComponent(item.Kind, item.Product, item.Vendor, item.Version).SetIdentifiers(item.Purl, item.Cpe);
                    break;
                default:
                    var existing = change.Existing!;
                    var incoming = change.Incoming!;
                    existing.Update(existing.Kind, existing.Product, existing.Vendor, incoming.Version);
                    existing.SetIdentifiers(incoming.Purl ?? existing.Purl, incoming.Cpe ?? existing.Cpe);
                    break;
            }
        }
    }

    private static bool Same(SoftwareComponent existing, SbomComponent item)
    {
        if (existing.PackageUrl is { } a && item.Purl is not null && PackageUrl.TryParse(item.Purl, out var b, out _))
        {
            return a.Identity == b.Identity;
        }

        if (existing.CpeName is { } c && item.Cpe is not null && CpeName.TryParse(item.Cpe, out var d, out _))
        {
            return c.Identity == d.Identity;
        }

        return existing.NormalizedProduct == SearchText.Normalize(item.Product);
    }

    private static string? Canonical(string purl) => PackageUrl.TryParse(purl, out var p, out _) ? p.ToString() : purl;

    private static string? CanonicalCpe(string cpe) => CpeName.TryParse(cpe, out var c, out _) ? c.ToString() : cpe;

    private static string Key(string? purl, string? cpe, string product) =>
        purl is not null && PackageUrl.TryParse(purl, out var p, out _) ? "purl:" + p.Identity
        : cpe is not null && CpeName.TryParse(cpe, out var c, out _) ? "cpe:" + c.Identity
        : "name:" + SearchText.Normalize(product);
}
