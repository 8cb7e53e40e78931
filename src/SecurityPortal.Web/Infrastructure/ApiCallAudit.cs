using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Every API call made with a valid token leaves one audit row («ApiCall»: who, which token, which endpoint and path, the
/// answer's status), written as the answer starts, in a database context of its own, so a refused import's half-made changes
/// never ride along. Unlike the pages, whose GETs write nothing (PageCrawlTests), an API read is recorded: a script can
/// read a whole agency's inventory in a minute, and who did is what the province wants to know (docs/decisions/0011).
/// The token's last-use time is bookkeeping, written around the trail at most once a minute.
/// </summary>
public sealed class ApiCallAudit(RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock, ILogger<ApiCallAudit> logger)
{
    public const string EntityType = "ApiCall";
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public Task InvokeAsync(HttpContext context)
    {
        if (ApiProblem.IsApi(context) && context.User.TokenIdOf() is { } tokenId)
        {
            // Just before the answer's headers go out: the status is final, and the client cannot see the answer before the
            // row is written.
            context.Response.OnStarting(() => RecordAsync(context, tokenId));
        }

        return next(context);
    }

    private async Task RecordAsync(HttpContext context, Guid tokenId)
    {
        var user = context.User;
        var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var method = context.Request.Method;
        var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal)
        {
            ["Endpoint"] = [null, endpoint is null ? $"{method} (không có điểm cuối)" : $"{method} /{endpoint.TrimStart('/')}"],
            ["Path"] = [null, (context.Request.Path + context.Request.QueryString).ToString()],
            ["Status"] = [null, context.Response.StatusCode],
        };
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.AuditEntries.Add(new AuditEntry
            {
                OccurredAtUtc = now,
                UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                UserName = user.Identity?.Name,
                UserAgencyId = user.GetAgencyId(),
                EntityType = EntityType,
                EntityKey = tokenId.ToString(),
                AggregateKey = tokenId.ToString(),
                Action = AuditAction.Insert,
                Changes = JsonSerializer.Serialize(changes, ApiProblem.JsonOptions),
                TraceId = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier,
                ClientAddress = HttpCurrentActor.ClientAddressOf(context),
            });
            await db.SaveChangesAsync(CancellationToken.None);
            var stale = now - TouchEvery;
            // Bookkeeping, not a change anyone made: written around the audit trail.
            await db.ApiTokens.Where(t => t.Id == tokenId && (t.LastUsedAtUtc == null || t.LastUsedAtUtc < stale))
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAtUtc, now), CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogError(ex, "The audit row of API call {Method} {Path} with token {TokenId} could not be written", method, context.Request.Path, tokenId);
        }
    }
}
