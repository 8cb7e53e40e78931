namespace SecurityPortal.Web.Infrastructure;

/// <summary>A static bilingual page of wwwroot as the whole answer, for the states in which no Razor page can be rendered.</summary>
public static class StaticPage
{
    public static async Task SendAsync(HttpContext context, IWebHostEnvironment environment, string fileName, int statusCode, string? retryAfter = null)
    {
        context.Response.Clear();
        context.Response.StatusCode = statusCode;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.SendFileAsync(environment.WebRootFileProvider.GetFileInfo(fileName), context.RequestAborted);
    }
}
