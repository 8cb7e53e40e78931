namespace SecurityPortal.Web.Infrastructure;

/// <summary>Only GET, HEAD and POST reach the portal (ASVS 5.0 V13.4.4); anything else is 405.</summary>
public sealed class MethodAllowListMiddleware(RequestDelegate next, ILogger<MethodAllowListMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsPost(context.Request.Method))
        {
            return next(context);
        }

        logger.LogWarning("Refused HTTP method {Method} on {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET, HEAD, POST";
        // Status-code pages cannot help here (they would re-run the same method), so the answer is written directly.
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("405 - Phương thức không được hỗ trợ. Cổng thông tin chỉ nhận GET, HEAD và POST.");
    }
}
