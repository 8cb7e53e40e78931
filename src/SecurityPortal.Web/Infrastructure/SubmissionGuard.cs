using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Submissions;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Idempotent form submissions (issue 8 item 7). Every POST form carries a key of its own
/// (<see cref="SubmissionKeyTagHelper"/>); before a signed-in user's POST runs its handler, the key is claimed by
/// inserting a <see cref="FormSubmission"/> row, which the database allows once. A second submission of the same
/// form — double click, refresh, retry after a time-out, on any instance — finds the row and is answered with the
/// first one's redirect (or, while the first is still running, waits for it) instead of acting twice.
/// A submission the handler refused (the form shown again with its errors, a 4xx, a download) gives its key back,
/// so correcting and resending the same form works. POSTs without a key (scripts, API-like calls) are not guarded.
/// </summary>
public sealed class SubmissionGuardFilter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SubmissionGuardFilter> logger)
    : IAsyncPageFilter
{
    public const string FieldName = "__SubmissionKey";

    /// <summary>How long a repeated submission waits for the first one to finish before it is told to check later.</summary>
    public static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(20);

    private static readonly OncePerHour Cleanup = new();

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        // A status-code or error page re-executes the request with the same form: the key is already this request's.
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType || !http.Items.TryAdd(typeof(SubmissionGuardFilter), true)
            || context.HandlerMethod?.MethodInfo.IsDefined(typeof(RepeatableSubmissionAttribute), inherit: false) == true
            || http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || await KeyOfAsync(http.Request) is not { } key)
        {
            await next();
            return;
        }

        if (await ClaimAsync(userId, key, http.RequestAborted) is { } earlier)
        {
            context.Result = Answer(context, earlier);
            return;
        }

        var executed = await next();
        if (executed.Exception is not null && !executed.ExceptionHandled)
        {
            await FinishAsync(userId, key, location: null);
            return;
        }

        // The outcome is known once the result has run (a redirect's Location is resolved then): recorded just
        // before the answer leaves, so the user never sees an acknowledgement the key does not remember.
        http.Response.OnStarting(() => FinishAsync(
            userId, key, http.Response.StatusCode is >= 300 and < 400 ? http.Response.Headers.Location.ToString() : null));
    }

    /// <summary>
    /// The form's key; none when the form has none or could not be read (too large, or cut off: the request is refused
    /// elsewhere, and the error page's re-run of the same request must not fail here).
    /// </summary>
    private static async Task<Guid?> KeyOfAsync(HttpRequest request)
    {
        try
        {
            return Guid.TryParse((await request.ReadFormAsync(request.HttpContext.RequestAborted))[FieldName], out var key) ? key : null;
        }
        catch (Exception ex) when (RequestBody.IsUnreadable(ex))
        {
            return null;
        }
    }

    /// <summary>Null when this request holds the key now; otherwise the earlier submission's row (completed or still running).</summary>
    private async Task<FormSubmission?> ClaimAsync(string userId, Guid key, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var insert = true;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            if (insert)
            {
                await CleanUpAsync(db, now, cancellationToken);
                db.FormSubmissions.Add(new FormSubmission { UserId = userId, Key = key, CreatedAtUtc = now });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return null;
                }
                catch (DbUpdateException exception) when (DbErrors.IsUniqueViolation(exception))
                {
                    db.ChangeTracker.Clear();
                }
            }

            // Taken: wait by reading, not by inserting again (each refused insert is an error in the log).
            var row = await db.FormSubmissions.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == userId && s.Key == key, cancellationToken);
            if (row is { CompletedAtUtc: not null } || row is not null && waited.Elapsed > WaitForFirst)
            {
                logger.LogInformation("Repeated submission of form {Key} answered with the first one's outcome", key);
                return row;
            }

            if (waited.Elapsed > WaitForFirst)
            {
                return new FormSubmission { UserId = userId, Key = key };
            }

            insert = row is null;
            if (row is not null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken);
            }

            // No row: the first submission gave its key back meanwhile; claim it again.
        }
    }

    private async Task FinishAsync(string userId, Guid key, string? location)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var row = await db.FormSubmissions.SingleOrDefaultAsync(s => s.UserId == userId && s.Key == key);
            if (row is null)
            {
                return;
            }

            if (string.IsNullOrEmpty(location))
            {
                db.FormSubmissions.Remove(row);
            }
            else
            {
                row.Location = location.Length <= FormSubmission.LocationMaxLength ? location : "/";
                row.CompletedAtUtc = clock.GetUtcNow().UtcDateTime;
            }

            await db.SaveChangesAsync();
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The change itself is saved; only its key is not. A repeat would then be told the form is still running.
            logger.LogWarning(exception, "Could not record the outcome of form submission {Key}", key);
        }
    }

    private static LocalRedirectResult Answer(PageHandlerExecutingContext context, FormSubmission earlier)
    {
        var http = context.HttpContext;
        var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
        if (earlier.CompletedAtUtc is not null && earlier.Location is { } location)
        {
            tempData.Success("Biểu mẫu này đã được gửi trước đó và đã được xử lý; lần gửi lại không tạo thêm bản ghi nào.");
            return new LocalRedirectResult(IsLocal(location) ? location : "/");
        }

        tempData.Error("Biểu mẫu này đang được xử lý từ lần gửi trước. Vui lòng kiểm tra kết quả trước khi gửi lại.");
        var query = http.Request.Query.Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        var back = http.Request.PathBase + http.Request.Path + (query.Any() ? "?" + string.Join("&", query) : string.Empty);
        return new LocalRedirectResult(IsLocal(back) ? back : "/");
    }

    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    /// <summary>Keys older than <see cref="FormSubmission.KeepDays"/> days are removed, at most once an hour per instance.</summary>
    private static async Task CleanUpAsync(PortalDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        if (!Cleanup.TryClaim(now))
        {
            return;
        }

        var before = now.AddDays(-FormSubmission.KeepDays);
        await db.FormSubmissions.Where(s => s.CreatedAtUtc < before).ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>
/// A handler whose repeat must run again rather than be answered with the first outcome: it shows a one-time secret
/// (a new password, new recovery codes) that a lost first answer would otherwise take with it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RepeatableSubmissionAttribute : Attribute;

/// <summary>Gives every POST form a fresh submission key (see <see cref="SubmissionGuardFilter"/>).</summary>
[HtmlTargetElement("form", Attributes = "method")]
public sealed class SubmissionKeyTagHelper : TagHelper
{
    /// <summary>After the framework's form tag helper (which adds the antiforgery token).</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!string.Equals(context.AllAttributes["method"]?.Value?.ToString(), "post", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.MergeAttribute("type", "hidden");
        input.MergeAttribute("name", SubmissionGuardFilter.FieldName);
        input.MergeAttribute("value", Guid.NewGuid().ToString("N"));
        output.PostContent.AppendHtml(input);
    }
}
