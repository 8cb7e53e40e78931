using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Exports;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// How far each running export is, for the page that started it: the export link carries a random token
/// (<see cref="QueryName"/>, added by site.js), the export reports its rows under the user and that token, and
/// /Exports/Progress answers the same user only. The figures are rows of <see cref="ExportTicket"/> in the database, so
/// with several instances behind a balancer the progress page may ask any of them (docs/deployment.md). An export
/// writes its row when it starts, when it knows its total, at most once every <see cref="WriteEvery"/> while it runs
/// (never for each flush), and when it ends; the writes use a database context of their own, apart from the one reading
/// the rows. Rows older than <see cref="ExportTicket.KeepHours"/> hours are removed, at most once an hour per instance.
/// </summary>
public sealed class ExportProgress(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ExportProgress> logger)
{
    public const string QueryName = "progress";

    /// <summary>How long after its start the progress page still answers for an export.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>The least time between two writes of a running export's figures.</summary>
    public static readonly TimeSpan WriteEvery = TimeSpan.FromSeconds(1);

    private static readonly OncePerHour Cleanup = new();

    private readonly IServiceScopeFactory _scopes = scopes;
    private readonly TimeProvider _clock = clock;
    private readonly ILogger<ExportProgress> _logger = logger;

    /// <summary>What one export has done so far, as last written.</summary>
    public sealed record Figures(int Written, int? Total, bool Done, bool Failed, bool Truncated);

    /// <summary>One export's progress, written to its row.</summary>
    public sealed class Ticket
    {
        private readonly ExportProgress _owner;
        private readonly string _userId;
        private readonly Guid _token;
        private long _lastWrite;
        private int _written;
        private int? _total;
        private bool _truncated;

        internal Ticket(ExportProgress owner, string userId, Guid token)
        {
            _owner = owner;
            _userId = userId;
            _token = token;
            _lastWrite = owner._clock.GetTimestamp();
        }

        /// <summary>The list was longer than one export may write: the file ends with a row that says so.</summary>
        public void Truncate() => _truncated = true;

        /// <summary>Records the rows written so far; the row is written when the total is new or a second has passed.</summary>
        public Task ReportAsync(int written, int? total = null, CancellationToken cancellationToken = default)
        {
            _written = written;
            var force = total is not null && total != _total;
            _total = total ?? _total;
            if (!force && _owner._clock.GetElapsedTime(_lastWrite) < WriteEvery)
            {
                return Task.CompletedTask;
            }

            _lastWrite = _owner._clock.GetTimestamp();
            return WriteAsync(ExportState.Running, cancellationToken);
        }

        public Task FinishAsync(int written, CancellationToken cancellationToken = default)
        {
            _written = written;
            return WriteAsync(ExportState.Done, cancellationToken);
        }

        /// <summary>Marks the export failed; written even when the request was aborted.</summary>
        public Task FailAsync() => WriteAsync(ExportState.Failed, CancellationToken.None);

        private async Task WriteAsync(ExportState state, CancellationToken cancellationToken)
        {
            var now = _owner._clock.GetUtcNow().UtcDateTime;
            var (written, total, truncated) = (_written, _total, _truncated);
            try
            {
                await using var scope = _owner._scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                await db.ExportTickets.Where(t => t.UserId == _userId && t.Token == _token)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Written, written).SetProperty(t => t.Total, total)
                        .SetProperty(t => t.Truncated, truncated).SetProperty(t => t.State, state).SetProperty(t => t.UpdatedAtUtc, now), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The figures are a courtesy: an export is not failed for want of them.
                _owner._logger.LogWarning(ex, "The progress of export {Token} was not recorded", _token);
            }
        }
    }

    /// <summary>A ticket for this request's export when its link carried a well-formed token; otherwise null.</summary>
    public async Task<Ticket?> BeginAsync(HttpContext http)
    {
        if (Key(http.User, http.Request.Query[QueryName]) is not { } key)
        {
            return null;
        }

        var (userId, token) = key;

        var now = _clock.GetUtcNow().UtcDateTime;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await CleanUpAsync(db, now, http.RequestAborted);
            // The same token again (the page asked twice) starts the figures over.
            var reset = await db.ExportTickets.Where(t => t.UserId == userId && t.Token == token)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Written, 0).SetProperty(t => t.Total, (int?)null).SetProperty(t => t.Truncated, false)
                    .SetProperty(t => t.State, ExportState.Running).SetProperty(t => t.StartedAtUtc, now).SetProperty(t => t.UpdatedAtUtc, now), http.RequestAborted);
            if (reset == 0)
            {
                db.ExportTickets.Add(new ExportTicket { UserId = userId, Token = token, StartedAtUtc = now, UpdatedAtUtc = now, State = ExportState.Running });
                await db.SaveChangesAsync(http.RequestAborted);
            }
        }
        catch (DbUpdateException ex)
        {
            // Two requests with one token at once: the second exports without figures.
            _logger.LogWarning(ex, "The progress of export {Token} was not recorded", token);
            return null;
        }

        return new Ticket(this, userId, token);
    }

    /// <summary>What the user's own export with <paramref name="token"/> has done, if it started less than <see cref="Lifetime"/> ago.</summary>
    public async Task<Figures?> FindAsync(ClaimsPrincipal user, string? token, CancellationToken cancellationToken)
    {
        if (Key(user, token) is not { } key)
        {
            return null;
        }

        var (userId, guid) = key;

        var since = _clock.GetUtcNow().UtcDateTime - Lifetime;
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.ExportTickets.AsNoTracking()
            .Where(t => t.UserId == userId && t.Token == guid && t.StartedAtUtc > since)
            .Select(t => new Figures(t.Written, t.Total, t.State == ExportState.Done, t.State == ExportState.Failed, t.Truncated))
            .SingleOrDefaultAsync(cancellationToken);
    }

    private static (string UserId, Guid Token)? Key(ClaimsPrincipal user, string? token) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(token, out var guid) ? (id, guid) : null;

    private static async Task CleanUpAsync(PortalDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (!Cleanup.TryClaim(now))
        {
            return;
        }

        var before = now.AddHours(-ExportTicket.KeepHours);
        await db.ExportTickets.Where(t => t.UpdatedAtUtc < before).ExecuteDeleteAsync(cancellationToken);
    }
}
