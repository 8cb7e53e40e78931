using System.Collections.Concurrent;
using System.Security.Claims;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// How far each running export is, for the page that started it: the export link carries a random token
/// (<see cref="QueryName"/>, added by site.js), the export reports its rows under the user and that token, and
/// /Exports/Progress answers the same user only. Held in this process's memory for <see cref="Lifetime"/>: with several
/// instances behind a balancer that does not keep a user on one instance, the page may ask another instance and show
/// an export without figures until the download arrives (docs/architecture.md).
/// </summary>
public sealed class ExportProgress(TimeProvider clock)
{
    public const string QueryName = "progress";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>Entries kept at most; beyond it the oldest are dropped first (a client cannot grow this without bound).</summary>
    public const int MaxEntries = 5_000;

    private readonly ConcurrentDictionary<string, Ticket> _tickets = new(StringComparer.Ordinal);

    /// <summary>What one export has done so far.</summary>
    public sealed class Ticket(DateTimeOffset started)
    {
        private int _written;

        public DateTimeOffset Started { get; } = started;
        public int Written => Volatile.Read(ref _written);
        public int? Total { get; private set; }
        public bool Done { get; private set; }
        public bool Failed { get; private set; }

        /// <summary>The list was longer than one export may write: the file ends with a row that says so.</summary>
        public bool Truncated { get; private set; }

        public void Truncate() => Truncated = true;

        public void Report(int written, int? total = null)
        {
            Volatile.Write(ref _written, written);
            Total = total ?? Total;
        }

        public void Finish(int written)
        {
            Report(written);
            Done = true;
        }

        public void Fail() => Failed = true;
    }

    /// <summary>A ticket for this request's export when its link carried a well-formed token; otherwise null.</summary>
    public Ticket? Begin(HttpContext http)
    {
        if (Key(http.User, http.Request.Query[QueryName]) is not { } key)
        {
            return null;
        }

        Sweep();
        var ticket = new Ticket(clock.GetUtcNow());
        _tickets[key] = ticket;
        return ticket;
    }

    /// <summary>The user's own ticket for <paramref name="token"/>, if it is known here.</summary>
    public Ticket? Find(ClaimsPrincipal user, string? token) =>
        Key(user, token) is { } key && _tickets.TryGetValue(key, out var ticket) && clock.GetUtcNow() - ticket.Started < Lifetime ? ticket : null;

    private static string? Key(ClaimsPrincipal user, string? token) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(token, out var guid) ? $"{id}:{guid:N}" : null;

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, ticket) in _tickets)
        {
            if (now - ticket.Started >= Lifetime)
            {
                _tickets.TryRemove(key, out _);
            }
        }

        foreach (var (key, _) in _tickets.OrderBy(t => t.Value.Started).Take(Math.Max(0, _tickets.Count - MaxEntries + 1)).ToList())
        {
            _tickets.TryRemove(key, out _);
        }
    }
}
