using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Assessments;

/// <summary>Self-assessments of the systems the user may see, by cycle and state; and the systems still to assess this cycle.</summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "cycle")]
    public int? Cycle { get; set; }

    [BindProperty(SupportsGet = true, Name = "state")]
    public AssessmentState? State { get; set; }

    [BindProperty(SupportsGet = true, Name = Pager.QueryName)]
    public int PageNumber { get; set; } = 1;

    public const int PageSize = 50;

    public sealed record Row(Guid Id, string SystemName, string OwnerName, int Cycle, int Level, bool LevelIsApproved, AssessmentState State, int Items, int Answered);

    public sealed record ToStart(Guid SystemId, string Name, string OwnerName, int? ApprovedLevel);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<ToStart> NotStarted { get; private set; } = [];
    public int CurrentCycle { get; private set; }
    public int Total { get; private set; }
    public bool TotalCapped { get; private set; }

    public Pager Pager => new(PageNumber, PageSize, Total, page => new Dictionary<string, string>
    {
        ["cycle"] = Cycle?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        ["state"] = State?.ToString() ?? string.Empty,
        [Pager.QueryName] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }, TotalCapped);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var assessments = Filtered();
        (Total, TotalCapped) = await Pager.CountAsync(assessments, PageNumber, PageSize, cancellationToken);
        Rows = await Query(assessments).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        if (User.CanRegisterSystems())
        {
            var cycle = CurrentCycle;
            var started = db.Assessments.Where(a => a.Cycle == cycle).Select(a => a.SystemId);
            NotStarted = await (from s in db.InformationSystems.AsNoTracking().VisibleTo(User)
                                join o in db.Agencies on s.OwnerAgencyId equals o.Id
                                where s.Lifecycle == LifecycleStatus.Operating && !started.Contains(s.Id)
                                orderby o.Name, s.Name
                                select new ToStart(s.Id, s.Name, o.Name, s.ApprovedLevel)).Take(200).ToListAsync(cancellationToken);
        }
    }

    /// <summary>Every assessment of the cycle the filters keep, with its filed score and plan deployment, as Excel.</summary>
    public IActionResult OnGetExcel()
    {
        var matching = Filtered();
        var rows = (from a in matching
                    join s in db.InformationSystems on a.SystemId equals s.Id
                    join o in db.Agencies on s.OwnerAgencyId equals o.Id
                    orderby s.Name, s.Code
                    select new { System = s.Name, Owner = o.Name, a.Cycle, a.Level, a.LevelIsApproved, a.State, Items = a.Items.Count,
                        Answered = a.Items.Count(i => i.Answer != Answer.Unanswered), a.FiledScore, a.FiledDeployment });
        return Spreadsheet.Download($"tu-danh-gia-{CurrentCycle}.xlsx", "Tự đánh giá",
            ["Hệ thống", "Cơ quan chủ quản", "Năm", "Cấp độ", "Cấp độ đã phê duyệt", "Trạng thái", "Đã trả lời", "Số yêu cầu", "Tỷ lệ đáp ứng (%)", "Triển khai phương án"],
            rows,
            r => [r.System, r.Owner, r.Cycle, r.Level, r.LevelIsApproved ? "Có" : "Chưa (cấp độ đề xuất)", r.State.Vietnamese(),
                r.Answered, r.Items, r.FiledScore, r.FiledDeployment?.Vietnamese()],
            matching);
    }

    private IQueryable<Assessment> Filtered()
    {
        CurrentCycle = Cycle ?? VietnamTime.Today(clock).Year;
        var assessments = db.Assessments.AsNoTracking().VisibleTo(db, User).Where(a => a.Cycle == CurrentCycle);
        return State is { } state ? assessments.Where(a => a.State == state) : assessments;
    }

    /// <summary>
    /// By system name: the systems' (Name, Code) index gives the order and each system's assessment of the cycle is one
    /// seek, so a page reads its own rows (ordering by the owner's name sorted every assessment of the province).
    /// </summary>
    private IQueryable<Row> Query(IQueryable<Assessment> assessments) =>
        from a in assessments
        join s in db.InformationSystems on a.SystemId equals s.Id
        join o in db.Agencies on s.OwnerAgencyId equals o.Id
        orderby s.Name, s.Code
        select new Row(a.Id, s.Name, o.Name, a.Cycle, a.Level, a.LevelIsApproved, a.State, a.Items.Count, a.Items.Count(i => i.Answer != Answer.Unanswered));
}
