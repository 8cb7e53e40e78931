using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Web.Pages.Campaigns;

public sealed class CampaignInput
{
    [Display(Name = "Tên đợt đánh giá")]
    public string? Title { get; set; }

    [Display(Name = "Năm đánh giá")]
    public int Cycle { get; set; }

    [Display(Name = "Danh mục yêu cầu")]
    public string? CatalogCode { get; set; }

    [Display(Name = "Hạn hoàn thành")]
    public DateOnly? Deadline { get; set; }

    [Display(Name = "Chỉ loại cơ quan")]
    public AgencyKind? TargetKind { get; set; }

    [Display(Name = "Chỉ hệ thống cấp độ")]
    public int? TargetLevel { get; set; }
}

/// <summary>
/// Assessment rounds: reviewers launch one for the province (all operating systems, or one agency kind and/or level);
/// it creates the draft assessments and notifies the agencies.
/// </summary>
public sealed class IndexModel(PortalDbContext db, Notifier notifier, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    public CampaignInput Input { get; set; } = new();

    public sealed record Row(Guid Id, string Title, int Cycle, DateOnly Deadline, int Assessments);

    public IReadOnlyList<Row> Campaigns { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Catalogs { get; private set; } = [];
    public bool CanLaunch => User.CanLaunchCampaigns();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock);
        Input = new CampaignInput { Cycle = today.Year, Deadline = today.AddDays(30), Title = $"Tự đánh giá năm {today.Year}" };
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!CanLaunch)
        {
            return Forbid();
        }

        await LoadAsync(cancellationToken);
        var catalog = await db.CatalogVersions.Include(v => v.Requirements).ThenInclude(r => r.Levels).AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Code == Input.CatalogCode && v.Status == CatalogStatus.Published, cancellationToken);
        if (catalog is null)
        {
            ModelState.AddModelError("Input.CatalogCode", "Hãy chọn một danh mục đã công bố.");
        }

        if (Input.Deadline is null)
        {
            ModelState.AddModelError("Input.Deadline", "Hãy chọn hạn hoàn thành.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var today = VietnamTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        Campaign campaign;
        try
        {
            campaign = new Campaign(Input.Title ?? string.Empty, Input.Cycle, catalog!.Id, Input.Deadline!.Value, Input.TargetKind, Input.TargetLevel, userId, today, now);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }

        db.Campaigns.Add(campaign);
        var (created, joined, withoutLevel) = await CreateAssessmentsAsync(campaign, catalog, userId, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Campaign {CampaignId} launched: {Created} assessments created, {Joined} joined, {Skipped} systems without a level",
            campaign.Id, created, joined, withoutLevel);
        TempData.Success($"Đã phát động «{campaign.Title}»: tạo {created} bản tự đánh giá, gộp {joined} bản đã có; {withoutLevel} hệ thống chưa có cấp độ nên chưa tạo được.");
        return RedirectToPage("./Details", new { id = campaign.Id });
    }

    private async Task<(int Created, int Joined, int WithoutLevel)> CreateAssessmentsAsync(
        Campaign campaign, CatalogVersion catalog, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var systems = from s in db.InformationSystems
                      join o in db.Agencies on s.OwnerAgencyId equals o.Id
                      where s.Lifecycle == LifecycleStatus.Operating
                      select new { System = s, o.Kind };
        if (campaign.TargetKind is { } kind)
        {
            systems = systems.Where(x => x.Kind == kind);
        }

        var targets = await systems.Select(x => x.System).ToListAsync(cancellationToken);
        var ids = targets.Select(s => s.Id).ToList();
        var proposed = (await db.LevelDossiers.AsNoTracking()
                .Where(d => ids.Contains(d.SystemId) && d.ProposedLevel != null && d.State != DossierState.Rejected)
                .Select(d => new { d.SystemId, d.ProposedLevel, d.CreatedAtUtc }).ToListAsync(cancellationToken))
            .GroupBy(d => d.SystemId).ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.CreatedAtUtc).First().ProposedLevel!.Value);
        var existing = await db.Assessments.Where(a => a.Cycle == campaign.Cycle && ids.Contains(a.SystemId)).ToDictionaryAsync(a => a.SystemId, cancellationToken);
        int created = 0, joined = 0, withoutLevel = 0;
        var notify = new List<InformationSystem>();
        foreach (var system in targets)
        {
            var (level, approved) = system.ApprovedLevel is { } a ? (a, true) : proposed.TryGetValue(system.Id, out var p) ? (p, false) : (0, false);
            if (level == 0)
            {
                withoutLevel++;
                continue;
            }

            if (campaign.TargetLevel is { } only && only != level)
            {
                continue;
            }

            if (existing.TryGetValue(system.Id, out var assessment))
            {
                assessment.JoinCampaign(campaign);
                joined++;
                continue;
            }

            var fresh = Assessment.Start(system, catalog, campaign.Cycle, level, approved, userId, now);
            fresh.JoinCampaign(campaign);
            db.Assessments.Add(fresh);
            notify.Add(system);
            created++;
        }

        var link = Url.Page("/Assessments/Index", new { cycle = campaign.Cycle }) ?? "/Assessments";
        await notifier.AgencyOfficersAsync(notify, NotificationKind.Assessment, system => $"Đợt «{campaign.Title}»: hệ thống «{system.Name}» cần tự đánh giá, hạn {Display.Date(campaign.Deadline)}.", link, null, cancellationToken);

        return (created, joined, withoutLevel);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.CreatedAtUtc)
            .Select(c => new Row(c.Id, c.Title, c.Cycle, c.Deadline, db.Assessments.Count(a => a.CampaignId == c.Id)))
            .ToListAsync(cancellationToken);
        Catalogs = await db.CatalogVersions.AsNoTracking().Where(v => v.Status == CatalogStatus.Published)
            .OrderByDescending(v => v.EffectiveDate).Select(v => new SelectListItem(v.Code + " — " + v.Title, v.Code)).ToListAsync(cancellationToken);
    }
}
