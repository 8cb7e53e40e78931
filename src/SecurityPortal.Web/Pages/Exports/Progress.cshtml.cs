using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Exports;

/// <summary>
/// How far the signed-in user's export with this token is, as JSON for the list page that started it (site.js), from
/// whichever instance runs the export; 404 for a token this user has not started.
/// </summary>
public sealed class ProgressModel(ExportProgress progress) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "token")] string? token) =>
        await progress.FindAsync(User, token, HttpContext.RequestAborted) is { } figures
            ? new JsonResult(new { written = figures.Written, total = figures.Total, done = figures.Done, failed = figures.Failed, truncated = figures.Truncated })
            : NotFound();
}
