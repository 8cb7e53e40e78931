using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure.Files;

/// <summary>
/// The request limit of a file upload page is the configured file limit (<c>Files:MaxBytes</c>) plus room for the form
/// fields (issue 20): a request that says it is larger (Content-Length) is refused with 413 before a byte of it is read,
/// and one that does not say (chunked) is cut off at that size by the server, instead of up to 100 MB being received
/// and buffered before the file store refuses the file. An authorization filter ordered before antiforgery, which is
/// the first to read the form.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    /// <summary>Room for the form's other fields (token, key, stamp, kind, note).</summary>
    public const long FormRoomBytes = 64 * 1024;

    /// <summary>Before antiforgery (1000), like the framework's request size filter.</summary>
    public int Order => 900;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => new Limit(serviceProvider.GetRequiredService<FileStoreOptions>().MaxBytes + FormRoomBytes);

    private sealed class Limit(long bytes) : IAuthorizationFilter
    {
        public void OnAuthorization(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsPost(http.Request.Method))
            {
                return;
            }

            if (http.Request.ContentLength > bytes)
            {
                context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = bytes;
            }

            // Like the framework's form limits filter: a form already read (an ordinary form, read by FormSizeMiddleware)
            // keeps its reader; replacing it would read the consumed body again and lose the antiforgery token.
            if (http.Features.Get<IFormFeature>() is not { Form: not null })
            {
                http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = bytes }));
            }
        }
    }
}
