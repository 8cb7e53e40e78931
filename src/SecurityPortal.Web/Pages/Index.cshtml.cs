using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Inbox;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages;

/// <summary>The home page: «Việc của tôi», what waits for the user, oldest deadline first; an officer's home also shows their agency's figures (the agency page's cards).</summary>
public sealed class IndexModel(PortalDbContext db, PortalOptions portal, Reporting.ComplianceFigures figures, PersonalInbox inbox) : PageModel
{
    public InboxList Inbox { get; private set; } = new([], 0, default);

    public Reporting.FigureSet? AgencyFigures { get; private set; }

    public string ProvinceName => portal.ProvinceName;
    public IReadOnlyList<string> Roles { get; private set; } = [];
    public string? AgencyName { get; private set; }
    public int AgencyCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Roles = PortalRoles.All.Where(User.IsInRole).ToList();
        Inbox = await inbox.ListAsync(User, cancellationToken);
        if (User.GetAgencyId() is { } agencyId)
        {
            AgencyName = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
        }

        AgencyCount = await db.Agencies.CountAsync(a => a.IsActive, cancellationToken);
        if (Authorization.AgencyScope.OfficerAgencyId(User) is { } officerAgency && !Authorization.AgencyScope.SeesAllAgencies(User))
        {
            AgencyFigures = await figures.ComputeAsync(new Reporting.FigureFilter(AgencyId: officerAgency), cancellationToken);
        }
    }
}
