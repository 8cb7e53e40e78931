using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Campaigns;

/// <summary>A campaign's progress per agency (not started / in progress / submitted / accepted / overdue), with an Excel export.</summary>
public sealed class DetailsModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Campaign Campaign { get; private set; } = null!;

    public sealed record AgencyRow(string Agency, IReadOnlyDictionary<CampaignProgress, int> Counts)
    {
        public int Total => Counts.Values.Sum();
    }

    public IReadOnlyList<AgencyRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var stages = Enum.GetValues<CampaignProgress>();
        var file = Spreadsheet.Write(
            "Tiến độ",
            ["Cơ quan chủ quản", .. stages.Select(s => s.Vietnamese()), "Tổng"],
            Rows.Select(r => (IReadOnlyList<object?>)[r.Agency, .. stages.Select(s => (object?)r.Counts.GetValueOrDefault(s)), r.Total]));
        return File(file, Spreadsheet.ContentType, $"tien-do-dot-danh-gia-{Campaign.Cycle}.xlsx");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Id, cancellationToken);
        if (campaign is null)
        {
            return false;
        }

        Campaign = campaign;
        var today = VietnamTime.Today(clock);
        var lines = await (from a in db.Assessments.AsNoTracking()
                           where a.CampaignId == campaign.Id
                           join s in db.InformationSystems on a.SystemId equals s.Id
                           join o in db.Agencies on s.OwnerAgencyId equals o.Id
                           select new { Agency = o.Name, a.State, Answered = a.Items.Count(i => i.Answer != Answer.Unanswered) })
            .ToListAsync(cancellationToken);
        Rows = lines.GroupBy(l => l.Agency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgencyRow(g.Key, g.GroupBy(l => Campaign.ProgressOf(l.State, l.Answered, campaign.Deadline, today))
                .ToDictionary(p => p.Key, p => p.Count())))
            .ToList();
        return true;
    }
}
