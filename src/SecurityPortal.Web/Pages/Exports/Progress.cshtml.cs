using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Exports;

/// <summary>
/// How far the signed-in user's export with this token is, as JSON for the list page that started it (site.js); 404 for
/// a token this user has not started here.
/// </summary>
public sealed class ProgressModel(ExportProgress progress) : PageModel
{
    public IActionResult OnGet([FromQuery(Name = "token")] string? token) =>
        progress.Find(User, token) is { } ticket
            ? new JsonResult(new { written = ticket.Written, total = ticket.Total, done = ticket.Done, failed = ticket.Failed, truncated = ticket.Truncated })
            : NotFound();
}
