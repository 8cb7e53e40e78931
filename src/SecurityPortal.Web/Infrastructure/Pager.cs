using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// What the shared pagination partial (_Pager) needs: where it is, and the links either side. <paramref name="Capped"/>
/// says <paramref name="Total"/> is a lower bound: the list counted that far and stopped (<see cref="CountAsync"/>).
/// </summary>
public sealed record Pager(int PageNumber, int PageSize, int Total, Func<int, Dictionary<string, string>> RouteFor, bool Capped = false)
{
    /// <summary>The query parameter of the page number on every list («page» is reserved by Razor Pages).</summary>
    public const string QueryName = "trang";

    /// <summary>
    /// How many rows past the start of the page shown a list counts before it says «hơn N». Counting every match of a
    /// province-wide filter (55,000 overdue tasks at P10) cost more than reading the page itself (docs/performance.md).
    /// </summary>
    public const int CountAhead = 1000;

    public bool HasPrevious => PageNumber > 1;
    public bool HasNext => (long)PageNumber * PageSize < Total;

    /// <summary>The count as a list shows it: «1.234», or «hơn 1.000» when counting stopped.</summary>
    public string CountText(IStringLocalizer localizer)
    {
        var number = Total.ToString("N0", CultureInfo.CurrentCulture);
        return Capped ? localizer["hơn {0}", number] : number;
    }

    /// <summary>
    /// The link to <paramref name="page"/> of the same list: this path with the list's filters as the query. The page
    /// number travels as «trang»: «page» is a reserved route value in Razor Pages (it names the page), so a query
    /// parameter of that name is never bound and breaks every link built from route values.
    /// </summary>
    public string Href(HttpRequest request, int page) =>
        request.PathBase + request.Path + QueryString.Create(RouteFor(page).Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

    /// <summary>
    /// Counts the rows of <paramref name="unordered"/> up to <see cref="CountAhead"/> past the start of page
    /// <paramref name="pageNumber"/>, so the cost of a count does not grow with the province. Pass the filtered query
    /// before any ordering: an ordered one would be sorted in full before it is counted.
    /// </summary>
    public static async Task<(int Total, bool Capped)> CountAsync<T>(IQueryable<T> unordered, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        var cap = (pageNumber - 1) * pageSize + CountAhead;
        var counted = await unordered.Take(cap + 1).CountAsync(cancellationToken);
        return counted > cap ? (cap, true) : (counted, false);
    }
}
