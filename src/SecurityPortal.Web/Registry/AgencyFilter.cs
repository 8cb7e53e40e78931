using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Web.Registry;

/// <summary>
/// The agency filter of the lists: a drop-down while the user sees few agencies, a search box (name or code, without
/// diacritics needed) when they see a province of thousands, so a page never ships thousands of options.
/// </summary>
public sealed record AgencyFilter(string Label, Guid? Selected, string? Query, IReadOnlyList<SelectListItem>? Options)
{
    public const int ListLimit = 100;

    public static async Task<AgencyFilter> LoadAsync(string label, IQueryable<Agency> visible, Guid? selected, string? query, CancellationToken cancellationToken)
    {
        var options = await visible.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Name).Take(ListLimit + 1)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString(), a.Id == selected)).ToListAsync(cancellationToken);
        return new AgencyFilter(label, selected, query, options.Count > ListLimit ? null : options);
    }

    /// <summary>The ids of the agencies whose name, short name or code contains the typed text; null when nothing was typed.</summary>
    public static IQueryable<Guid>? Matching(IQueryable<Agency> agencies, string? query) =>
        SearchText.Normalize(query) is { Length: > 0 } term ? agencies.Where(a => a.SearchName.Contains(term)).Select(a => a.Id) : null;
}
