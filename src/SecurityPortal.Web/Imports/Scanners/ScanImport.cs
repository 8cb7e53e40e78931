using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Scanning;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Imports.Scanners;

/// <summary>How a scanned target was matched to a system, or why it was not (the reason is shown as is).</summary>
public sealed record TargetMatch(ScanTarget Target, InformationSystem? System, string How, string? Detail = null)
{
    /// <summary>How, in Vietnamese, with its detail (the codes of the systems a target matched ambiguously).</summary>
    public string Explained => Detail is null ? How : string.Format(CultureInfo.InvariantCulture, How, Detail);
}

/// <summary>The facts of one finding a task is made from: from a report's item, or from a finding waiting in the queue.</summary>
public sealed record FindingFacts(
    string Key, string Target, string Title, IReadOnlyList<string> Cves, double? Cvss, TaskSeverity Severity, bool Kev,
    string? Package, string? InstalledVersion, string? FixedVersion, string? Purl, string? Solution);

/// <summary>A task the import will create: one per system and key, whatever the number of targets and packages.</summary>
public sealed record PlannedTask(InformationSystem System, string Key, string Title, TaskSeverity Severity, double? Cvss, bool Kev, DateOnly DueDate, IReadOnlyList<FindingFacts> Findings);

/// <summary>An open task of an earlier import that this report finds again: its thread records the scan.</summary>
public sealed record PlannedUpdate(RemediationTask Task, InformationSystem System, string Key, IReadOnlyList<FindingFacts> Findings);

/// <summary>An open task whose finding a later scan of the same target no longer reports: proposed for verification.</summary>
public sealed record PlannedProposal(RemediationTask Task, InformationSystem System, string Key, IReadOnlyList<string> Targets);

/// <summary>What a scanner report will change (preview) — or changed (confirmed).</summary>
public sealed class ScanPlan
{
    public ScanReport Report { get; init; } = new();
    public string FileName { get; init; } = string.Empty;
    public string Sha256 { get; init; } = string.Empty;
    public Guid? SystemId { get; init; }

    /// <summary>The earlier import of the same file: nothing to do.</summary>
    public ScanReportImport? Previous { get; set; }
    public List<TargetMatch> Matches { get; } = [];
    public List<PlannedTask> NewTasks { get; } = [];
    public List<PlannedUpdate> Updated { get; } = [];
    public List<PlannedProposal> Proposed { get; } = [];

    /// <summary>Findings no system matched that will wait in the queue (those already waiting are only refreshed).</summary>
    public List<FindingFacts> Unmatched { get; } = [];
    public int AlreadyQueued { get; set; }

    internal List<ScanFinding> Rows { get; } = [];
    internal List<ScanFinding> Queue { get; } = [];
    internal List<ScanFinding> GoneRows { get; } = [];

    public bool CanApply => Report.Issues.Count == 0 && Previous is null && NewTasks.Count + Updated.Count + Proposed.Count + Unmatched.Count > 0;
}

/// <summary>
/// Turns a scanner report into remediation tasks (docs/integrations.md, «Scanner reports»). Targets are matched to the
/// systems the user may import for — an officer their agency's (owned or operated), a reviewer any — by host name or IP
/// (the hosts of the systems' addresses and watched websites), URL, container image (a component named after it or
/// with its docker/oci purl), then by the purls of the findings (the one system whose components hold them); or all to
/// the one system the user chose. The same key (CVE, or the scanner's plugin id) on the same system is one task: a later
/// report adds to its thread; a target scanned again without it proposes the task for verification.
/// </summary>
public sealed class ScanReportImporter(PortalDbContext db, RemediationOptions options, TimeProvider clock)
{
    /// <summary>Provincial reviewers import for any system, agency officers for their agency's; nobody else.</summary>
    public static bool MayImport(ClaimsPrincipal user) => user.IsProvincialReviewer() || user.OfficerAgencyId() is not null;

    /// <summary>The systems the user may import findings into.</summary>
    public IQueryable<InformationSystem> Scope(ClaimsPrincipal user) =>
        user.IsProvincialReviewer() ? db.InformationSystems
        : user.OfficerAgencyId() is { } agencyId ? db.InformationSystems.Where(s => s.OwnerAgencyId == agencyId || s.OperatorAgencyId == agencyId)
        : db.InformationSystems.Where(_ => false);

    /// <summary>A system the user may import a report for; null (404) for another agency's, an unknown one, or a user who may not import.</summary>
    public async Task<InformationSystem?> LoadSystemAsync(ClaimsPrincipal user, Guid systemId, CancellationToken cancellationToken) =>
        MayImport(user) ? await Scope(user).FirstOrDefaultAsync(s => s.Id == systemId, cancellationToken) : null;

    /// <summary>The stable key of a finding on a system, stored as its task's source item (so a key never has two open tasks).</summary>
    public static Guid TaskKey(Guid systemId, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{systemId:N}|{key}")).AsSpan(0, 16));

    public async Task<ScanPlan> PlanAsync(ClaimsPrincipal user, byte[] content, string fileName, Guid? systemId, CancellationToken cancellationToken)
    {
        var plan = new ScanPlan
        {
            Report = ScanReportReader.Read(content),
            FileName = fileName,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            SystemId = systemId,
        };
        var report = plan.Report;
        if (report.Issues.Count > 0)
        {
            return plan;
        }

        plan.Previous = await db.ScanReportImports.AsNoTracking().FirstOrDefaultAsync(i => i.Sha256 == plan.Sha256, cancellationToken);
        if (plan.Previous is not null)
        {
            return plan;
        }

        var systems = await (systemId is { } id ? Scope(user).Where(s => s.Id == id) : Scope(user))
            .Include(s => s.Endpoints).Include(s => s.Components).AsSplitQuery().ToListAsync(cancellationToken);
        var ids = systems.Select(s => s.Id).ToList();
        var websites = await db.WatchedWebsites.AsNoTracking().Where(w => ids.Contains(w.SystemId)).Select(w => new { w.SystemId, w.Url }).ToListAsync(cancellationToken);
        var hosts = systems.SelectMany(s => s.Endpoints.Select(e => (s.Id, e.Url)))
            .Concat(websites.Select(w => (Id: w.SystemId, w.Url)))
            .Select(x => (x.Id, Host: ScanTargets.HostOf(x.Url), Origin: ScanTargets.Normalize(ScanTargetKind.Url, x.Url)))
            .Where(x => x.Host is not null).ToList();

        foreach (var target in report.Targets)
        {
            plan.Matches.Add(Match(target, systems, hosts, report.Items.Where(i => i.Target.Name == target.Name).ToList(), systemId is not null));
        }

        var cves = report.Items.SelectMany(i => i.Cves).Distinct().ToList();
        var kev = (await db.VulnerabilityWarnings.AsNoTracking().Where(w => cves.Contains(w.Reference)).Select(w => w.Reference).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var matched = plan.Matches.Where(m => m.System is not null).Select(m => m.System!.Id).Distinct().ToList();
        plan.Rows.AddRange(await db.ScanFindings.Where(f => f.SystemId != null && matched.Contains(f.SystemId.Value)).ToListAsync(cancellationToken));
        var open = await OpenTasksAsync(matched, cancellationToken);

        FindingFacts Facts(ScanItem i) => new(
            i.Key, i.Target.Name, i.Title, i.Cves, i.Cvss, Raise(i.Severity, i.Cves.Any(kev.Contains)), i.Cves.Any(kev.Contains),
            i.Package, i.InstalledVersion, i.FixedVersion, i.Purl, i.Solution);

        var bySystem = report.Items
            .Select(i => (Item: i, Match: plan.Matches.First(m => m.Target.Name == i.Target.Name && m.Target.Kind == i.Target.Kind)))
            .ToList();
        foreach (var group in bySystem.Where(x => x.Match.System is not null).GroupBy(x => (x.Match.System!, x.Item.Key)))
        {
            var (system, key) = group.Key;
            var facts = group.Select(x => Facts(x.Item)).ToList();
            if (open.FirstOrDefault(t => t.SystemId == system.Id && t.SourceItemId == TaskKey(system.Id, key)) is { } task)
            {
                plan.Updated.Add(new(task, system, key, facts));
            }
            else
            {
                plan.NewTasks.Add(NewTask(system, key, facts));
            }
        }

        // A target scanned again: what it no longer reports. A task is proposed once none of its targets reports it any more.
        foreach (var match in plan.Matches.Where(m => m.System is not null))
        {
            var found = bySystem.Where(x => x.Match == match).Select(x => x.Item.Key).ToHashSet(StringComparer.Ordinal);
            plan.GoneRows.AddRange(plan.Rows.Where(r => r.SystemId == match.System!.Id && r.Target == match.Target.Name && r.State == ScanFindingState.Present && !found.Contains(r.Key)));
        }

        foreach (var group in plan.GoneRows.GroupBy(r => (r.SystemId!.Value, r.Key)))
        {
            var (system, key) = group.Key;
            var stillThere = plan.Rows.Any(r => r.SystemId == system && r.Key == key && r.State == ScanFindingState.Present && !plan.GoneRows.Contains(r))
                || plan.NewTasks.Concat<object>(plan.Updated).Any(p => p is PlannedUpdate u ? u.System.Id == system && u.Key == key : p is PlannedTask n && n.System.Id == system && n.Key == key);
            if (!stillThere && open.FirstOrDefault(t => t.SystemId == system && t.SourceItemId == TaskKey(system, key)) is { } task && RemediationTask.ToWorkOn.Contains(task.Status))
            {
                plan.Proposed.Add(new(task, systems.First(s => s.Id == system), key, group.Select(r => r.Target).Distinct().ToList()));
            }
        }

        var unmatched = bySystem.Where(x => x.Match.System is null).Select(x => Facts(x.Item)).ToList();
        if (unmatched.Count > 0)
        {
            var targets = unmatched.Select(u => u.Target).Distinct().ToList();
            plan.Queue.AddRange(await db.ScanFindings.Where(f => f.SystemId == null && targets.Contains(f.Target)).ToListAsync(cancellationToken));
            foreach (var facts in unmatched.DistinctBy(u => (u.Target, u.Key)))
            {
                if (plan.Queue.Any(q => q.Target == facts.Target && q.Key == facts.Key))
                {
                    plan.AlreadyQueued++;
                }
                else
                {
                    plan.Unmatched.Add(facts);
                }
            }
        }

        return plan;
    }

    /// <summary>
    /// Writes what the plan says (the caller saves it in one transaction): the import, the new tasks, the threads of the
    /// tasks found again, the proposals for verification, the findings of each target and the queue.
    /// </summary>
    public ScanReportImport Apply(ScanPlan plan, ClaimsPrincipal user)
    {
        if (!plan.CanApply)
        {
            throw new DomainException("Báo cáo không có gì để nhập.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var report = plan.Report;
        var import = new ScanReportImport(report.Format, plan.FileName, plan.Sha256, plan.SystemId, userId, now, report.ScannedAtUtc)
        {
            NewTasks = plan.NewTasks.Count,
            UpdatedTasks = plan.Updated.Count,
            ProposedTasks = plan.Proposed.Count,
            Unmatched = plan.Unmatched.Count,
        };
        db.ScanReportImports.Add(import);
        var scan = ScanLabel(report, plan.FileName, now);

        foreach (var planned in plan.NewTasks)
        {
            var task = CreateTask(planned, user, import.Id, scan, now);
            Record(plan.Rows, planned.System.Id, task.Id, report.Scanner, planned.Findings, import.Id, now);
        }

        foreach (var update in plan.Updated)
        {
            var targets = string.Join(", ", update.Findings.Select(f => f.Target).Distinct());
            update.Task.RecordScan(user.TaskActorFor(update.System), $"Lần quét {scan} vẫn phát hiện {update.Key} trên {targets}.", now);
            Record(plan.Rows, update.System.Id, update.Task.Id, report.Scanner, update.Findings, import.Id, now);
        }

        foreach (var row in plan.GoneRows)
        {
            row.MarkAbsent(import.Id);
        }

        foreach (var proposal in plan.Proposed)
        {
            proposal.Task.ProposeFixedByScan(user.TaskActorFor(proposal.System),
                $"Đã khắc phục theo lần quét {scan}: {string.Join(", ", proposal.Targets)} không còn phát hiện {proposal.Key}. Đề nghị xác minh.", now);
        }

        foreach (var facts in plan.Unmatched)
        {
            db.ScanFindings.Add(Row(null, report.Scanner, facts, import.Id, now));
        }

        foreach (var queued in plan.Queue)
        {
            if (plan.Report.Items.FirstOrDefault(i => i.Target.Name == queued.Target && i.Key == queued.Key) is { } item)
            {
                queued.Refresh(Cves(item.Cves), item.Cvss, queued.Severity, queued.Kev, item.Package, item.InstalledVersion, item.FixedVersion, item.Purl, import.Id, now);
            }
        }

        return import;
    }

    /// <summary>A reviewer assigns a target of the queue to a system: its findings become (or join) that system's tasks.</summary>
    public async Task<(int Created, int Joined)> AssignAsync(ClaimsPrincipal user, string target, InformationSystem system, CancellationToken cancellationToken)
    {
        var rows = await db.ScanFindings.Where(f => f.SystemId == null && f.Target == target).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            throw new DomainException("Không còn phát hiện nào của đối tượng này chờ gán (có thể người khác vừa gán).");
        }

        var open = await OpenTasksAsync([system.Id], cancellationToken);
        var existing = await db.ScanFindings.Where(f => f.SystemId == system.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var label = $"gán từ hàng chờ ngày {VietnamTime.Format(now)}";
        int created = 0, joined = 0;
        foreach (var group in rows.GroupBy(r => r.Key))
        {
            var facts = group.Select(r => new FindingFacts(r.Key, r.Target, r.Title, Split(r.Cves), r.Cvss, r.Severity, r.Kev, r.Package, r.InstalledVersion, r.FixedVersion, r.Purl, null)).ToList();
            RemediationTask task;
            if (open.FirstOrDefault(t => t.SourceItemId == TaskKey(system.Id, group.Key)) is { } found)
            {
                task = found;
                task.RecordScan(user.TaskActorFor(system), $"Phát hiện {group.Key} trên {target} ({label}).", now);
                joined++;
            }
            else
            {
                task = CreateTask(NewTask(system, group.Key, facts), user, group.First().LastImportId, label, now);
                created++;
            }

            foreach (var row in group)
            {
                if (existing.FirstOrDefault(e => e.Target == row.Target && e.Key == row.Key) is { } same)
                {
                    // The system already follows this finding on this target: the queued copy is merged into it.
                    same.LinkTo(system.Id, task.Id);
                    db.ScanFindings.Remove(row);
                }
                else
                {
                    row.LinkTo(system.Id, task.Id);
                }
            }
        }

        return (created, joined);
    }

    private PlannedTask NewTask(InformationSystem system, string key, List<FindingFacts> facts)
    {
        var severity = facts.Min(f => f.Severity);
        var cvss = facts.Max(f => f.Cvss);
        var cves = facts.SelectMany(f => f.Cves).Distinct().ToList();
        var title = cves.Count == 0 ? facts[0].Title : $"{cves[0]}{(cves.Count > 1 ? $" (+{cves.Count - 1})" : "")}: {facts[0].Title}";
        return new PlannedTask(system, key, BoundedText.Clip(title, RemediationTask.TitleMaxLength), severity, cvss, facts.Any(f => f.Kev),
            RemediationTask.DefaultDueDate(severity, VietnamTime.Today(clock), options.DueDays), facts);
    }

    private RemediationTask CreateTask(PlannedTask planned, ClaimsPrincipal user, Guid importId, string scan, DateTime now)
    {
        var facts = planned.Findings;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Phát hiện qua báo cáo quét ({scan}) trên {string.Join(", ", facts.Select(f => f.Target).Distinct())}.");
        if (facts.SelectMany(f => f.Cves).Distinct().ToList() is { Count: > 0 } cves)
        {
            text.Append(CultureInfo.InvariantCulture, $" CVE: {string.Join(", ", cves)}.");
        }

        if (planned.Cvss is { } score)
        {
            text.Append(CultureInfo.InvariantCulture, $" CVSS: {score.ToString("0.0", CultureInfo.InvariantCulture)}.");
        }

        if (planned.Kev)
        {
            text.Append(" Thuộc danh mục lỗ hổng đang bị khai thác (KEV).");
        }

        foreach (var package in facts.Where(f => f.Package is not null).DistinctBy(f => (f.Package, f.InstalledVersion)).Take(20))
        {
            text.Append(CultureInfo.InvariantCulture, $" Gói {package.Package} {package.InstalledVersion}{(package.FixedVersion is null ? "" : $" → bản sửa {package.FixedVersion}")}.");
        }

        if (facts.Select(f => f.Solution).FirstOrDefault(s => s is not null) is { } solution)
        {
            text.Append(CultureInfo.InvariantCulture, $" Khuyến nghị: {solution}");
        }

        var task = new RemediationTask(
            planned.System.Id, planned.Title, BoundedText.Clip(text.ToString(), RemediationTask.TextMaxLength), TaskSource.ScannerReport, importId,
            TaskKey(planned.System.Id, planned.Key), null, planned.Severity, planned.DueDate,
            user.FindFirstValue(ClaimTypes.NameIdentifier)!, now, user.DisplayName());
        db.RemediationTasks.Add(task);
        return task;
    }

    /// <summary>The finding rows of a system's key: each target's row refreshed or added, linked to the task.</summary>
    private void Record(List<ScanFinding> rows, Guid systemId, Guid taskId, string scanner, IReadOnlyList<FindingFacts> facts, Guid importId, DateTime now)
    {
        foreach (var f in facts.DistinctBy(f => f.Target))
        {
            var row = rows.FirstOrDefault(r => r.SystemId == systemId && r.Target == f.Target && r.Key == f.Key);
            if (row is null)
            {
                row = Row(systemId, scanner, f, importId, now);
                db.ScanFindings.Add(row);
                rows.Add(row);
            }
            else
            {
                row.Refresh(Cves(f.Cves), f.Cvss, f.Severity, f.Kev, f.Package, f.InstalledVersion, f.FixedVersion, f.Purl, importId, now);
            }

            row.LinkTo(systemId, taskId);
        }
    }

    private static ScanFinding Row(Guid? systemId, string scanner, FindingFacts f, Guid importId, DateTime now) =>
        new(systemId, scanner, f.Target, f.Key, f.Title, Cves(f.Cves), f.Cvss, f.Severity, f.Kev, f.Package, f.InstalledVersion, f.FixedVersion, f.Purl, importId, now);

    private async Task<List<RemediationTask>> OpenTasksAsync(List<Guid> systemIds, CancellationToken cancellationToken) =>
        await db.RemediationTasks.Include(t => t.Entries)
            .Where(t => t.Source == TaskSource.ScannerReport && systemIds.Contains(t.SystemId)
                && t.Status != RemediationStatus.Verified && t.Status != RemediationStatus.Cancelled)
            .ToListAsync(cancellationToken);

    /// <summary>How a target is matched (see the class); «How» says by what, or why not.</summary>
    private static TargetMatch Match(
        ScanTarget target, List<InformationSystem> systems, List<(Guid Id, string? Host, string Origin)> hosts, List<ScanItem> items, bool chosen)
    {
        if (chosen)
        {
            return new(target, systems.FirstOrDefault(), "hệ thống đã chọn khi nhập");
        }

        List<Guid> found = target.Kind switch
        {
            ScanTargetKind.Host => hosts.Where(h => target.Names.Contains(h.Host!)).Select(h => h.Id).ToList(),
            ScanTargetKind.Url => hosts.Where(h => h.Origin == target.Name).Select(h => h.Id).ToList() is { Count: > 0 } exact ? exact : hosts.Where(h => h.Host == ScanTargets.HostOf(target.Name)).Select(h => h.Id).ToList(),
            ScanTargetKind.Image => systems.Where(s => s.Components.Any(c => ImageComponent(c, target.Name))).Select(s => s.Id).ToList(),
            _ => [],
        };
        var how = target.Kind switch
        {
            ScanTargetKind.Host => "tên máy hoặc địa chỉ IP",
            ScanTargetKind.Url => "địa chỉ trang web",
            ScanTargetKind.Image => "ảnh container trong danh mục phần mềm",
            _ => string.Empty,
        };
        found = found.Distinct().ToList();
        if (found.Count == 0)
        {
            // The packages the findings name: the one system whose components hold them.
            var identities = items.Select(i => i.Purl).OfType<string>()
                .Select(p => PackageUrl.TryParse(p, out var parsed, out _) ? parsed.Identity : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
            found = identities.Count == 0 ? [] : systems.Where(s => s.Components.Any(c => c.PackageUrl is { } purl && identities.Contains(purl.Identity))).Select(s => s.Id).ToList();
            how = "thành phần phần mềm (purl)";
        }

        return found.Count switch
        {
            1 => new(target, systems.First(s => s.Id == found[0]), how),
            0 => new(target, null, "không khớp hệ thống nào"),
            _ => new(target, null, "khớp nhiều hệ thống: {0}", string.Join(", ", systems.Where(s => found.Contains(s.Id)).Select(s => s.Code).Order(StringComparer.Ordinal))),
        };
    }

    private static bool ImageComponent(SoftwareComponent component, string image)
    {
        var name = ScanTargets.ImageName(image);
        if (component.PackageUrl is { } purl && purl.Type is "docker" or "oci")
        {
            return string.Equals(ScanTargets.ImageName(purl.Identity), name, StringComparison.OrdinalIgnoreCase);
        }

        var product = component.Product.Trim().ToLowerInvariant();
        return product == image || product == name;
    }

    private static TaskSeverity Raise(TaskSeverity severity, bool kev) => kev && severity > TaskSeverity.High ? TaskSeverity.High : severity;

    private static string? Cves(IReadOnlyList<string> cves) => cves.Count == 0 ? null : string.Join(", ", cves);

    private static List<string> Split(string? cves) => cves is null ? [] : cves.Split(", ", StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string ScanLabel(ScanReport report, string fileName, DateTime now) =>
        $"{VietnamTime.Format(report.ScannedAtUtc ?? now)}, {report.Scanner}, tệp {fileName}";
}
