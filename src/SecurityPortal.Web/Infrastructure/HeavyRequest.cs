namespace SecurityPortal.Web.Infrastructure;

/// <summary>The requests that cost the server most, limited per account by the global rate limiter (PortalServices).</summary>
public static class HeavyRequest
{
    public enum Kind
    {
        Upload,
        Export,
        WebsiteCheck,

        /// <summary>Any call of the API (/api), limited per token rather than per account.</summary>
        ApiCall,
    }

    /// <summary>The GET handlers that build a file: the list exports, Mẫu 08, the dossier documents, the templates.</summary>
    private static readonly HashSet<string> ExportHandlers = new(StringComparer.OrdinalIgnoreCase)
    {
        "Excel", "Csv", "Export", "ExportExcel", "Word", "Document",
    };

    public static Kind? Of(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Kind.ApiCall;
        }

        if (HttpMethods.IsPost(request.Method))
        {
            if (request.HasFormContentType && request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true)
            {
                return Kind.Upload;
            }

            return string.Equals(request.Query["handler"], "Check", StringComparison.OrdinalIgnoreCase)
                && request.Path.StartsWithSegments("/Websites", StringComparison.OrdinalIgnoreCase)
                ? Kind.WebsiteCheck
                : null;
        }

        return HttpMethods.IsGet(request.Method) && request.Query["handler"] is { Count: 1 } handler && ExportHandlers.Contains(handler[0]!)
            ? Kind.Export
            : null;
    }
}
