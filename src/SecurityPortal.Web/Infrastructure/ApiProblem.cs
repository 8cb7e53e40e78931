using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// The API's error answer: RFC 9457 problem details (application/problem+json) whose <c>title</c> and <c>message</c> are
/// Vietnamese for a person to read (<c>message</c> repeats <c>detail</c>, the field scripts look for). Written by hand where
/// no endpoint runs (authentication, the rate limiter, an unknown /api path), and by the endpoints through <see cref="Result"/>.
/// </summary>
public static class ApiProblem
{
    public const string ContentType = "application/problem+json";

    /// <summary>The paths of the API; the cookie is never read there and errors are JSON.</summary>
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static ProblemHttpResult Result(int status, string message, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal) { ["message"] = message };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            all[key] = value;
        }

        return TypedResults.Problem(detail: message, statusCode: status, title: TitleOf(status), extensions: all);
    }

    public static async Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["type"] = "about:blank",
            ["title"] = TitleOf(status),
            ["status"] = status,
            ["detail"] = message,
            ["message"] = message,
        }, JsonOptions));
    }

    /// <summary>Vietnamese letters as they are, markup characters escaped (as the audit trail writes them).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Yêu cầu không hợp lệ",
        StatusCodes.Status401Unauthorized => "Chưa xác thực",
        StatusCodes.Status403Forbidden => "Không có quyền",
        StatusCodes.Status404NotFound => "Không tìm thấy",
        StatusCodes.Status409Conflict => "Xung đột dữ liệu",
        StatusCodes.Status413PayloadTooLarge => "Nội dung quá lớn",
        StatusCodes.Status415UnsupportedMediaType => "Kiểu nội dung không được hỗ trợ",
        StatusCodes.Status429TooManyRequests => "Quá nhiều yêu cầu",
        _ => "Lỗi",
    };
}

/// <summary>
/// On /api, an error answer that has no body yet (a parameter that could not be read, a body the server refused to read)
/// gets a problem+json body instead of the HTML error page the status-code pages would render.
/// </summary>
public sealed class ApiProblemMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiProblem.IsApi(context))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ApiProblem.WriteAsync(context, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ex.StatusCode : StatusCodes.Status400BadRequest,
                ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Nội dung quá lớn." : "Yêu cầu không đọc được.");
            return;
        }

        if (context.Response is { StatusCode: >= 400, HasStarted: false, ContentLength: null } response && string.IsNullOrEmpty(response.ContentType))
        {
            await ApiProblem.WriteAsync(context, response.StatusCode, response.StatusCode switch
            {
                StatusCodes.Status400BadRequest => "Yêu cầu không hợp lệ: kiểm tra tham số và thân yêu cầu.",
                StatusCodes.Status404NotFound => "Không có điểm cuối API này.",
                StatusCodes.Status405MethodNotAllowed => "Phương thức HTTP không được hỗ trợ ở điểm cuối này.",
                StatusCodes.Status415UnsupportedMediaType => "Kiểu nội dung không được hỗ trợ.",
                _ => "Yêu cầu không thực hiện được.",
            });
        }
    }
}
