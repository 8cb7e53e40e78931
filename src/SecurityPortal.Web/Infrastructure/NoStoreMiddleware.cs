namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Dynamic responses are never kept by browsers or proxies (ASVS 5.0 V14.3.2). It sits after the
/// static-file middleware, so library files stay cacheable.
/// </summary>
public sealed class NoStoreMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.CacheControl = "no-store, max-age=0";
            context.Response.Headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
