using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Systems;

public enum ComponentAlert
{
    None,
    EndOfLife,
    NotPatchedRecently,
    PatchDateUnknown,
}

/// <summary>One entry of a system's software inventory: product, vendor, version, end of life, last patch.</summary>
public sealed class SoftwareComponent : IAggregatePart
{
    public const int ProductMaxLength = 200;
    public const int VersionMaxLength = 50;
    public const int VendorMaxLength = 200;
    public const int NotesMaxLength = 1000;

    private SoftwareComponent()
    {
        Product = string.Empty;
        NormalizedProduct = string.Empty;
    }

    internal SoftwareComponent(Guid systemId, ComponentKind kind, string product, string? vendor, string? version)
    {
        SystemId = systemId;
        Product = string.Empty;
        NormalizedProduct = string.Empty;
        Update(kind, product, vendor, version);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SystemId { get; private set; }

    Guid IAggregatePart.AggregateId => SystemId;
    public ComponentKind Kind { get; private set; }
    public string Product { get; private set; }
    public string? Vendor { get; private set; }
    public string? Version { get; private set; }
    public DateOnly? EndOfLife { get; set; }
    public DateOnly? LastPatched { get; set; }
    public string? Notes { get; set; }

    /// <summary>The package URL (purl) when known, canonical (<see cref="PackageUrl"/>).</summary>
    public string? Purl { get; private set; }

    /// <summary>The CPE 2.3 name when known, lower case (<see cref="CpeName"/>).</summary>
    public string? Cpe { get; private set; }

    /// <summary>
    /// Sets the identifiers, each validated (a blank one clears it). Nothing changes when either is refused; the message
    /// says which and why.
    /// </summary>
    public void SetIdentifiers(string? purl, string? cpe)
    {
        var parsedPurl = string.IsNullOrWhiteSpace(purl) ? null : PackageUrl.Parse(purl).ToString();
        var parsedCpe = string.IsNullOrWhiteSpace(cpe) ? null : CpeName.Parse(cpe).ToString();
        Purl = parsedPurl;
        Cpe = parsedCpe;
    }

    /// <summary>The purl read back, or null.</summary>
    public PackageUrl? PackageUrl => Purl is not null && PackageUrl.TryParse(Purl, out var p, out _) ? p : null;

    /// <summary>The CPE read back, or null.</summary>
    public CpeName? CpeName => Cpe is not null && CpeName.TryParse(Cpe, out var c, out _) ? c : null;

    /// <summary>Product name folded for matching across agencies ("WordPress", "wordpress ").</summary>
    public string NormalizedProduct { get; private set; }

    public SoftwareVersion? ParsedVersion => SoftwareVersion.TryParse(Version, out var v) ? v : null;

    public void Update(ComponentKind kind, string product, string? vendor, string? version)
    {
        if (string.IsNullOrWhiteSpace(product))
        {
            throw new DomainException("Tên sản phẩm phần mềm không được để trống.");
        }

        if (product.Trim().Length > ProductMaxLength || vendor?.Trim().Length > 200 || version?.Trim().Length > VersionMaxLength)
        {
            throw new DomainException($"Tên sản phẩm tối đa {ProductMaxLength} ký tự, nhà cung cấp tối đa 200 ký tự, phiên bản tối đa {VersionMaxLength} ký tự.");
        }

        Kind = kind;
        Product = product.Trim();
        Vendor = string.IsNullOrWhiteSpace(vendor) ? null : vendor.Trim();
        Version = string.IsNullOrWhiteSpace(version) ? null : version.Trim();
        NormalizedProduct = SearchText.Normalize(Product);

        // A purl that names a version follows the component's.
        if (PackageUrl is { Version: not null } purl && Version is not null && purl.Version != Version)
        {
            Purl = purl.WithVersion(Version).ToString();
        }
    }

    /// <summary>
    /// End of life wins over patch age. A component whose patch date is unknown is flagged too: for a
    /// security register, "we don't know" needs attention as much as "too old".
    /// </summary>
    public ComponentAlert Alert(DateOnly today, int maxDaysSincePatch) => AlertFor(EndOfLife, LastPatched, today, maxDaysSincePatch);

    /// <summary>The rule behind <see cref="Alert"/>, for rows read without the entity.</summary>
    public static ComponentAlert AlertFor(DateOnly? endOfLife, DateOnly? lastPatched, DateOnly today, int maxDaysSincePatch)
    {
        if (endOfLife is { } eol && eol < today)
        {
            return ComponentAlert.EndOfLife;
        }

        if (lastPatched is not { } patched)
        {
            return ComponentAlert.PatchDateUnknown;
        }

        return today.DayNumber - patched.DayNumber > maxDaysSincePatch ? ComponentAlert.NotPatchedRecently : ComponentAlert.None;
    }
}
