using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data;

namespace SecurityPortal.Tests;

/// <summary>
/// Audit completeness (issue 8 item 9), watched in every web test: a page filter installed by <see cref="PortalFactory"/>
/// looks at every POST a signed-in user makes and reads the audit entries written under that request's trace id.
/// <list type="bullet">
/// <item>An entry naming anyone but the user who made the request is a defect: the request is answered 500 with the
/// reason, so the test that made it fails where it happened.</item>
/// <item>Each handler's outcome (audited, or a redirect that wrote nothing) is appended to a file under
/// <c>PORTAL_AUDIT_WITNESS</c> when that is set; <c>AuditCompletenessTests</c> then proves that every POST handler of the
/// portal, bar a reviewed list that changes nothing, was seen writing its audit entry with the right actor somewhere in
/// the suite — so the whole suite is the "test that performs every kind of state change".</item>
/// </list>
/// </summary>
public sealed class AuditWitness(IServiceScopeFactory scopes) : IAsyncPageFilter
{
    public const string DirectoryVariable = "PORTAL_AUDIT_WITNESS";

    private static readonly ConcurrentDictionary<string, byte> Written = new(StringComparer.Ordinal);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var traceId = http.RequestServices.GetRequiredService<ICurrentActor>().TraceId;
        var executed = await next();
        if (!HttpMethods.IsPost(http.Request.Method) || userId is null || traceId is null || context.HandlerMethod is null
            || executed.Exception is not null)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var actors = await db.AuditEntries.Where(e => e.TraceId == traceId).Select(e => new { e.UserId, e.EntityType }).ToListAsync();
        var handler = $"{context.ActionDescriptor.ViewEnginePath} {(context.HandlerMethod.Name is { Length: > 0 } name ? name : "(page)")}";
        var wrong = actors.Where(a => a.UserId != userId).Select(a => a.EntityType).Distinct().ToList();
        if (wrong.Count > 0)
        {
            Record(handler, "wrong-actor", string.Join(",", wrong));
            executed.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status500InternalServerError,
                Content = $"AuditWitness: {handler} wrote audit entries for {string.Join(", ", wrong)} under another actor than {userId}",
            };
            return;
        }

        var redirect = executed.Result is RedirectToPageResult or RedirectResult or LocalRedirectResult or RedirectToActionResult or RedirectToRouteResult;
        if (actors.Count > 0)
        {
            Record(handler, "audited", string.Join(",", actors.Select(a => a.EntityType).Distinct().Order(StringComparer.Ordinal)));
        }
        else if (redirect)
        {
            Record(handler, "silent", string.Empty);
        }
    }

    /// <summary>One line per distinct (handler, outcome, detail) per test process.</summary>
    private static void Record(string handler, string outcome, string detail)
    {
        var directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        var line = $"{handler}\t{outcome}\t{detail}";
        if (string.IsNullOrEmpty(directory) || !Written.TryAdd(line, 0))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        lock (Written)
        {
            File.AppendAllText(Path.Combine(directory, $"witness-{Environment.ProcessId}.tsv"), line + Environment.NewLine);
        }
    }
}
