namespace SecurityPortal.Web.Api;

/// <summary>One page of a list; <c>HasMore</c> says whether the next page has rows.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, bool HasMore);

public sealed record ApiSystem(
    Guid Id, string Code, string Name, string? Description, Guid OwnerAgencyId, Guid OperatorAgencyId, string Lifecycle,
    int? ApprovedLevel, DateOnly? ApprovedOn);

public sealed record ApiComponent(
    Guid Id, string Kind, string Product, string? Vendor, string? Version, string? Purl, string? Cpe, DateOnly? EndOfLife, DateOnly? LastPatched);

public sealed record ApiTask(
    Guid Id, Guid SystemId, string Title, string Source, string Severity, string Status, DateOnly DueDate, string? AssigneeName, DateTime CreatedAtUtc);

public sealed record ApiWarning(
    Guid Id, string Title, string Reference, string Severity, string Status, DateOnly DueDate, string AffectedProducts, DateTime? PublishedAtUtc);

/// <summary>One change an SBOM makes (or would make, on a dry run) to the system's inventory.</summary>
public sealed record ApiSbomChange(string Kind, string Product, string? OldVersion, string? NewVersion, string? Identifier);

/// <summary>The outcome of an SBOM import: what the file changes, and whether it was written.</summary>
public sealed record ApiSbomResult(
    Guid SystemId, string Format, bool DryRun, bool Applied, int Added, int Removed, int VersionChanged, int IdentifiersChanged,
    IReadOnlyList<ApiSbomChange> Changes);

/// <summary>One problem of a refused file, by its place in the document (as the preview page lists them).</summary>
public sealed record ApiSbomIssue(string Location, string Message);

/// <summary>A scanned target and the system it was matched to (null: the finding waits in the queue), with how.</summary>
public sealed record ApiScanTarget(string Kind, string Name, Guid? SystemId, string Match);

/// <summary>A remediation task a scanner report creates (no id yet), finds again or proposes for verification.</summary>
public sealed record ApiScanTask(Guid? TaskId, Guid SystemId, string Key, string Title, string Severity, double? Cvss, bool Kev, DateOnly DueDate);

/// <summary>A finding no system matched: it waits for a reviewer to assign its target.</summary>
public sealed record ApiScanFinding(string Target, string Key, string Title, string Severity, double? Cvss, bool Kev);

/// <summary>The outcome of a scanner report import: what it creates, updates, proposes and queues, and whether it was written.</summary>
public sealed record ApiScanResult(
    string Format, bool DryRun, bool Applied, bool AlreadyImported, int Findings, int Informational, IReadOnlyList<ApiScanTarget> Targets,
    IReadOnlyList<ApiScanTask> NewTasks, IReadOnlyList<ApiScanTask> UpdatedTasks, IReadOnlyList<ApiScanTask> ProposedTasks, IReadOnlyList<ApiScanFinding> Unmatched);
