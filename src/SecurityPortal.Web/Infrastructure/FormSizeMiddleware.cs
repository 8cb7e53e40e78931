namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Reads an ordinary (url-encoded) form before anything else does, so a field beyond the form limits (a 10 MB
/// "name") is answered with 413 and the Vietnamese "too large" page — not with the anti-forgery error that the
/// failed read would otherwise cause. The form is cached on the request, so it is read only once.
/// File uploads (multipart) are left to their pages, which check sizes themselves.
/// </summary>
public sealed class FormSizeMiddleware(RequestDelegate next, ILogger<FormSizeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method)
            && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
            && context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                logger.LogWarning("Form on {Path} refused: {Reason}", context.Request.Path, ex.Message);
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
        }

        await next(context);
    }
}
