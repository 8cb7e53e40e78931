namespace SecurityPortal.Web.Infrastructure;

/// <summary>What the shared pagination partial (_Pager) needs: where it is, and the links either side.</summary>
public sealed record Pager(int PageNumber, int PageSize, int Total, Func<int, Dictionary<string, string>> RouteFor)
{
    public bool HasPrevious => PageNumber > 1;
    public bool HasNext => (long)PageNumber * PageSize < Total;
}
