using System.Linq.Expressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure.Identity;

/// <summary>
/// The server side of sign-in sessions (<see cref="UserSession"/>): started at sign-in, checked at every request, ended
/// at sign-out, from the account page, by an administrator or by the per-account limit.
/// </summary>
public sealed class SessionRegistry(PortalDbContext db, TimeProvider clock, SecurityOptions security)
{
    /// <summary>The item of the cookie's authentication properties that carries the session id.</summary>
    public const string SessionItem = "portal.session";

    /// <summary>How stale the last-seen time may get before a request writes it again (one write a minute, not one a request).</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public static Guid? IdOf(AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(SessionItem, out var text) == true && Guid.TryParse(text, out var id) ? id : null;

    /// <summary>The session of the current request, once the cookie has been validated.</summary>
    public static Guid? CurrentOf(HttpContext context) => context.Items[SessionItem] as Guid?;

    /// <summary>A new session for a sign-in; beyond the limit, the sessions idle the longest end.</summary>
    public async Task<Guid> StartAsync(string userId, HttpContext context)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var session = new UserSession
        {
            UserId = userId,
            CreatedAtUtc = now,
            LastSeenAtUtc = now,
            ClientAddress = HttpCurrentActor.ClientAddressOf(context),
            UserAgent = userAgent.Length > UserSession.UserAgentMaxLength ? userAgent[..UserSession.UserAgentMaxLength] : NullIfEmpty(userAgent),
        };
        // One read of the account's sessions: the expired ones go, and the open ones beyond the limit, the idlest first.
        var isOpen = OpenAt(now).Compile();
        var sessions = await db.UserSessions.Where(s => s.UserId == userId).ToListAsync();
        var open = sessions.Where(isOpen).OrderByDescending(s => s.LastSeenAtUtc).ToList();
        db.UserSessions.RemoveRange(sessions.Where(s => !isOpen(s)).Concat(open.Skip(security.MaxSessionsPerUser - 1)));
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    /// <summary>Whether the session is open; refreshes its last-seen time now and then.</summary>
    public async Task<bool> IsOpenAsync(Guid id, string userId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lastSeen = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == id && s.UserId == userId)
            .Select(s => (DateTime?)s.LastSeenAtUtc)
            .FirstOrDefaultAsync();
        if (lastSeen is null)
        {
            return false;
        }

        if (now - lastSeen.Value >= TouchEvery)
        {
            // Bookkeeping, not a change anyone made: written around the audit trail.
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUtc, now));
        }

        return true;
    }

    /// <summary>The account's open sessions, the most recently used first.</summary>
    public Task<List<UserSession>> OpenAsync(string userId) =>
        db.UserSessions.Where(s => s.UserId == userId).Where(OpenAt(clock.GetUtcNow().UtcDateTime))
            .OrderByDescending(s => s.LastSeenAtUtc).AsNoTracking().ToListAsync();

    /// <summary>Ends one session of the account; false when it was not one of its open sessions.</summary>
    public async Task<bool> EndAsync(string userId, Guid id)
    {
        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == id && s.UserId == userId);
        if (session is null)
        {
            return false;
        }

        db.UserSessions.Remove(session);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Ends every session of the account except <paramref name="keep"/>; the number ended.</summary>
    public async Task<int> EndAllAsync(string userId, Guid? keep = null)
    {
        var sessions = await db.UserSessions.Where(s => s.UserId == userId && s.Id != keep).ToListAsync();
        db.UserSessions.RemoveRange(sessions);
        await db.SaveChangesAsync();
        return sessions.Count;
    }

    /// <summary>Ends every session of every account except <paramref name="keep"/> (an administrator's «everyone out»).</summary>
    public async Task<int> EndEveryoneAsync(Guid? keep)
    {
        var sessions = await db.UserSessions.Where(s => s.Id != keep).ToListAsync();
        db.UserSessions.RemoveRange(sessions);
        await db.SaveChangesAsync();
        return sessions.Count;
    }

    /// <summary>Sessions neither idle past the idle timeout nor older than the absolute one.</summary>
    private Expression<Func<UserSession, bool>> OpenAt(DateTime now)
    {
        var idleSince = now.AddMinutes(-security.IdleTimeoutMinutes);
        var startedSince = now.AddHours(-security.AbsoluteTimeoutHours);
        return s => s.LastSeenAtUtc > idleSince && s.CreatedAtUtc > startedSince;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
