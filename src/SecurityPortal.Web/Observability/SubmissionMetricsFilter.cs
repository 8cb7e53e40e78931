using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace SecurityPortal.Web.Observability;

/// <summary>
/// Counts every form post a page handles (<c>portal.submissions</c>), tagged with the page and handler — names from the
/// route table, so the set of tags is bounded — and the outcome: «accepted» (the page moved on with a redirect or a
/// download), «invalid» (the form came back with its messages) or «refused» (any other answer: 400, 404, a stale page).
/// </summary>
public sealed class SubmissionMetricsFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (!HttpMethods.IsPost(context.HttpContext.Request.Method))
        {
            return;
        }

        var page = context.ActionDescriptor.ViewEnginePath + (context.HandlerMethod?.Name is { Length: > 0 } handler ? "?handler=" + handler : string.Empty);
        PortalTelemetry.Submission(page, Outcome(executed));
    }

    private static string Outcome(PageHandlerExecutedContext executed) => executed switch
    {
        { Exception: not null, ExceptionHandled: false } => "failed",
        { Result: RedirectResult or RedirectToPageResult or LocalRedirectResult or RedirectToActionResult or FileResult } => "accepted",
        { ModelState.IsValid: false } => "invalid",
        { Result: IStatusCodeActionResult { StatusCode: >= 200 and < 300 } } => "accepted",
        _ => "refused",
    };
}
