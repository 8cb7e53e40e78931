using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Websites;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.WebsiteWatch;

namespace SecurityPortal.Web.Pages.Websites;

/// <summary>
/// One watched website: its health, the last check's findings (each can become a task), the software it shows, its
/// certificate, a defacement alert to confirm (opens an incident) or accept (new baseline), and the history of checks.
/// </summary>
public sealed class DetailsModel(
    PortalDbContext db, WebsiteWatchService watchService, WebsiteTasks tasks, TimeProvider clock, ILogger<DetailsModel> logger) : PageModel
{
    public const int HistoryRows = 50;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    [BindProperty]
    public FindingCode Code { get; set; }

    [BindProperty]
    public string? Product { get; set; }

    [BindProperty]
    public string? Version { get; set; }

    public WatchedWebsite Watch { get; private set; } = null!;
    public InformationSystem System { get; private set; } = null!;
    public string AgencyName { get; private set; } = string.Empty;
    public WebsiteCheck? Last { get; private set; }
    public WebsiteCheck? AlertCheck { get; private set; }
    public IReadOnlyList<WebsiteFinding> Findings { get; private set; } = [];
    public IReadOnlyList<(DetectedSoftware Software, RegisteredSoftware? Registered)> Software { get; private set; } = [];
    public IReadOnlyList<WebsiteCheck> History { get; private set; } = [];
    public IReadOnlyDictionary<Guid, (Guid TaskId, RemediationStatus Status)> OpenTasks { get; private set; } = new Dictionary<Guid, (Guid, RemediationStatus)>();
    public bool CanAct { get; private set; }
    public bool CanCheckNow => User.CanCheckWebsitesNow();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(tracked: false, cancellationToken) ? Page() : NotFound();

    /// <summary>«Kiểm tra ngay»: reviewers run one check at once (refused while another check of the site runs).</summary>
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: false, cancellationToken))
        {
            return NotFound();
        }

        if (!CanCheckNow)
        {
            return Forbid();
        }

        if (!Watch.Active)
        {
            TempData.Error("Địa chỉ này không còn là trang web công khai của hệ thống nên không được kiểm tra.");
        }
        else if (await watchService.CheckNowAsync(Id, cancellationToken))
        {
            logger.LogInformation("Website {WatchId} checked on request", Id);
            TempData.Success("Đã kiểm tra xong trang web.");
        }
        else
        {
            TempData.Error("Trang web đang được kiểm tra; hãy xem lại sau ít phút.");
        }

        return RedirectToPage(new { id = Id });
    }

    /// <summary>Turns a finding of the last check into a remediation task (or shows the open one).</summary>
    public Task<IActionResult> OnPostTaskAsync(CancellationToken cancellationToken) => ActAsync(async () =>
    {
        var finding = Findings.FirstOrDefault(f => f.Code == Code && f.Severity > FindingSeverity.Info)
            ?? throw new DomainException("Lần kiểm tra gần nhất không còn vấn đề này; hãy tải lại trang.");
        var opened = await tasks.OpenAsync(Watch, finding, UserId, User.DisplayName(), cancellationToken);
        return opened.IsNew ? "Đã tạo nhiệm vụ khắc phục." : "Vấn đề này đã có nhiệm vụ khắc phục đang mở.";
    }, stampChecked: false, cancellationToken);

    /// <summary>Confirms the defacement alert: a serious incident with its 24 h / 72 h clocks and a critical task.</summary>
    public Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken) => ActAsync(async () =>
    {
        if (AlertCheck is null)
        {
            throw new DomainException("Không có cảnh báo thay đổi giao diện nào đang chờ xác nhận.");
        }

        var incident = await tasks.ConfirmDefacementAsync(Watch, AlertCheck, System, UserId, User.DisplayName(), cancellationToken);
        _incidentId = incident.Id;
        return "Đã xác nhận thay đổi giao diện trái phép: sự cố được mở với thời hạn báo cáo 24 giờ / 72 giờ và nhiệm vụ khắc phục.";
    }, stampChecked: true, cancellationToken);

    /// <summary>Accepts the changed page as legitimate: it becomes the baseline.</summary>
    public Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken) => ActAsync(() =>
    {
        var check = AlertCheck ?? throw new DomainException("Không có cảnh báo thay đổi giao diện nào đang chờ xác nhận.");
        Watch.AcceptAsBaseline(check, User.DisplayName(), clock.GetUtcNow().UtcDateTime);
        return Task.FromResult("Đã chấp nhận nội dung mới làm mốc so sánh.");
    }, stampChecked: true, cancellationToken);

    /// <summary>Adds software the site shows but the inventory lacks, as the check found it.</summary>
    public Task<IActionResult> OnPostAddSoftwareAsync(CancellationToken cancellationToken) => ActAsync(async () =>
    {
        var found = Software.Where(s => s.Registered is null && s.Software.Product == Product).Select(s => (DetectedSoftware?)s.Software).FirstOrDefault()
            ?? throw new DomainException("Phần mềm này không có trong kết quả kiểm tra gần nhất hoặc đã được đăng ký.");
        var system = await db.InformationSystems.Include(s => s.Components).SingleAsync(s => s.Id == System.Id, cancellationToken);
        system.AddComponent(KindOf(found.Product), found.Product, null, found.Version);
        return $"Đã thêm {found.Product} {found.Version} vào danh mục phần mềm của hệ thống.".Replace("  ", " ", StringComparison.Ordinal);
    }, stampChecked: false, cancellationToken);

    private Guid? _incidentId;

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<IActionResult> ActAsync(Func<Task<string>> act, bool stampChecked, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(tracked: true, cancellationToken))
        {
            return NotFound();
        }

        if (!CanAct)
        {
            return Forbid();
        }

        if (stampChecked && Watch.ConcurrencyStamp != ConcurrencyStamp)
        {
            TempData.Error("Trang web vừa được kiểm tra lại hoặc người khác vừa xử lý cảnh báo; hãy xem kết quả mới rồi thao tác lại.");
            return RedirectToPage(new { id = Id });
        }

        try
        {
            var message = await act();
            if (stampChecked)
            {
                db.Entry(Watch).Property(w => w.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            }

            await db.SaveChangesAsync(cancellationToken);
            TempData.Success(message);
        }
        catch (DomainException ex)
        {
            TempData.Error(ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Trang web vừa được kiểm tra lại hoặc người khác vừa xử lý cảnh báo; hãy xem kết quả mới rồi thao tác lại.");
        }

        return _incidentId is { } incident ? RedirectToPage("/Incidents/Details", new { id = incident }) : RedirectToPage(new { id = Id });
    }

    private static ComponentKind KindOf(string product) => product switch
    {
        "WordPress" or "Joomla" or "Drupal" => ComponentKind.Cms,
        "Apache HTTP Server" or "nginx" or "Microsoft IIS" or "LiteSpeed" => ComponentKind.WebServer,
        _ => ComponentKind.Framework,
    };

    private async Task<bool> LoadAsync(bool tracked, CancellationToken cancellationToken)
    {
        var query = db.WatchedWebsites.VisibleTo(db, User);
        var watch = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(w => w.Id == Id, cancellationToken);
        if (watch is null)
        {
            return false;
        }

        Watch = watch;
        System = await db.InformationSystems.AsNoTracking().SingleAsync(s => s.Id == watch.SystemId, cancellationToken);
        AgencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == System.OwnerAgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        CanAct = User.CanEdit(System);
        History = await db.WebsiteChecks.AsNoTracking().Where(c => c.WatchId == watch.Id)
            .OrderByDescending(c => c.StartedUtc).Take(HistoryRows).ToListAsync(cancellationToken);
        Last = History.FirstOrDefault(c => c.Id == watch.LastCheckId) ?? (History.Count > 0 ? History[0] : null);
        AlertCheck = watch.AlertCheckId is { } alertId
            ? History.FirstOrDefault(c => c.Id == alertId) ?? await db.WebsiteChecks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == alertId, cancellationToken)
            : null;
        Findings = Last?.Findings() ?? [];
        var inventory = await db.SoftwareComponents.AsNoTracking().Where(c => c.SystemId == watch.SystemId)
            .Select(c => new RegisteredSoftware(c.Product, c.Version)).ToListAsync(cancellationToken);
        Software = (Last?.Software() ?? []).Select(s => (s, SoftwareFingerprints.Match(s, inventory))).ToList();
        var keys = Enum.GetValues<FindingCode>().Select(c => (Guid?)WebsiteTasks.FindingKey(watch.Id, c)).ToList();
        OpenTasks = (await db.RemediationTasks.AsNoTracking()
                .Where(t => t.Source == TaskSource.WebsiteCheck && keys.Contains(t.SourceItemId)
                            && t.Status != RemediationStatus.Verified && t.Status != RemediationStatus.Cancelled)
                .Select(t => new { t.SourceItemId, t.Id, t.Status }).ToListAsync(cancellationToken))
            .GroupBy(t => t.SourceItemId!.Value).ToDictionary(g => g.Key, g => (g.First().Id, g.First().Status));
        if (!tracked)
        {
            ConcurrencyStamp = watch.ConcurrencyStamp;
        }

        return true;
    }

    public (Guid TaskId, RemediationStatus Status)? TaskFor(FindingCode code) =>
        OpenTasks.TryGetValue(WebsiteTasks.FindingKey(Watch.Id, code), out var task) ? task : null;
}
