using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Observability;

namespace SecurityPortal.Web.Pages;

/// <summary>One page for every error status: a clear message, a trace id to quote, never a stack trace.</summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> localizer) : PageModel
{
    public string Title { get; private set; } = string.Empty;
    public string Message { get; private set; } = string.Empty;
    public string RequestId { get; private set; } = string.Empty;
    public bool ShowRequestId { get; private set; }

    public void OnGet(int? statusCode) => Describe(statusCode);

    public void OnPost(int? statusCode) => Describe(statusCode);

    private void Describe(int? statusCode)
    {
        // A re-executed request keeps its status; the route value can be lost when the failed request's form
        // (too large to read) breaks model binding.
        var code = statusCode ?? (HttpContext.Response.StatusCode >= 400 ? HttpContext.Response.StatusCode : StatusCodes.Status500InternalServerError);
        // The trace id every log line of the request carries (RequestLog), so the operator finds them from the reference.
        RequestId = RequestLog.TraceId(HttpContext);
        ShowRequestId = code >= 500;
        (Title, Message) = code switch
        {
            StatusCodes.Status400BadRequest => (localizer["Yêu cầu không hợp lệ"].Value,
                localizer["Biểu mẫu đã hết hạn hoặc thiếu mã chống giả mạo. Hãy tải lại trang rồi gửi lại."].Value),
            StatusCodes.Status403Forbidden => (localizer["Không có quyền truy cập"].Value,
                localizer["Tài khoản của bạn không được phép dùng chức năng này."].Value),
            StatusCodes.Status404NotFound => (localizer["Không tìm thấy trang"].Value,
                localizer["Trang hoặc bản ghi bạn tìm không tồn tại, hoặc bạn không có quyền xem."].Value),
            StatusCodes.Status405MethodNotAllowed => (localizer["Phương thức không được hỗ trợ"].Value,
                localizer["Cổng thông tin chỉ nhận yêu cầu GET, HEAD và POST."].Value),
            StatusCodes.Status413PayloadTooLarge => (localizer["Dữ liệu gửi lên quá lớn"].Value,
                localizer["Nội dung một trường hoặc cả biểu mẫu vượt quá giới hạn cho phép. Hãy rút gọn rồi gửi lại."].Value),
            StatusCodes.Status429TooManyRequests => (localizer["Quá nhiều yêu cầu"].Value,
                localizer["Bạn đã thử quá nhiều lần trong thời gian ngắn. Vui lòng đợi một phút rồi thử lại."].Value),
            StatusCodes.Status503ServiceUnavailable => (localizer["Dịch vụ tạm thời gián đoạn"].Value,
                localizer["Cổng thông tin tạm thời không phục vụ được. Dữ liệu của bạn không bị mất; vui lòng thử lại sau ít phút."].Value),
            _ => (localizer["Đã có lỗi xảy ra"].Value,
                localizer["Hệ thống gặp lỗi khi xử lý yêu cầu. Lỗi đã được ghi nhận; vui lòng thử lại hoặc báo cho quản trị kèm mã tra cứu."].Value),
        };
        if (HttpContext.Response.StatusCode == StatusCodes.Status200OK && statusCode is not null)
        {
            HttpContext.Response.StatusCode = code;
        }
    }
}
