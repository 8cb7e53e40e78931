namespace SecurityPortal.Web.Infrastructure;

/// <summary>What the shared pagination partial (_Pager) needs: where it is, and the links either side.</summary>
public sealed record Pager(int PageNumber, int PageSize, int Total, Func<int, Dictionary<string, string>> RouteFor)
{
    /// <summary>The query parameter of the page number on every list («page» is reserved by Razor Pages).</summary>
    public const string QueryName = "trang";

    public bool HasPrevious => PageNumber > 1;
    public bool HasNext => (long)PageNumber * PageSize < Total;

    /// <summary>
    /// The link to <paramref name="page"/> of the same list: this path with the list's filters as the query. The page
    /// number travels as «trang»: «page» is a reserved route value in Razor Pages (it names the page), so a query
    /// parameter of that name is never bound and breaks every link built from route values.
    /// </summary>
    public string Href(HttpRequest request, int page) =>
        request.PathBase + request.Path + QueryString.Create(RouteFor(page).Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
}
