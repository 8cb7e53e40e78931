namespace SecurityPortal.Domain.Websites;

/// <summary>Green: nothing to fix; Warning: something to fix; Critical: fix now (a task is opened by itself).</summary>
public enum SiteHealth
{
    Unknown = 0,
    Green = 1,
    Warning = 2,
    Critical = 3,
}

public enum FindingSeverity
{
    Info = 0,
    Warning = 1,
    Critical = 2,
}

/// <summary>What a passive check of a website can find. One finding per code and check; the detail lists the cases.</summary>
public enum FindingCode
{
    Unreachable,
    DownTooLong,
    ServerError,
    BlockedAddress,
    NotHttps,
    NoHttpsRedirect,
    TlsHandshakeFailed,
    TlsProtocolOld,
    CertificateExpired,
    CertificateNotYetValid,
    CertificateExpiringSoon,
    CertificateUntrusted,
    CertificateHostMismatch,
    HstsMissing,
    CspMissing,
    NoSniffMissing,
    FrameProtectionMissing,
    ReferrerPolicyMissing,
    VersionDisclosed,
    SoftwareNotRegistered,
    SoftwareVersionDiffers,
    RedirectOffHost,
    RedirectLoop,
    PageTooLarge,
    NotHtml,
    ContentChanged,
    DefacementPhrase,
    PageError,
}

/// <summary>One finding of one check: what, how serious, a Vietnamese sentence for people and the cases behind it.</summary>
public sealed record WebsiteFinding(FindingCode Code, FindingSeverity Severity, string Message, string? Detail = null)
{
    /// <summary>The catalog requirement (TT 12/2022) a finding is evidence against, so its task names it.</summary>
    public string RequirementCode => RequirementFor(Code);

    /// <summary>Critical findings that open a remediation task without waiting for a person.</summary>
    public bool OpensTaskByItself => Severity == FindingSeverity.Critical
        && Code is FindingCode.CertificateExpired or FindingCode.CertificateNotYetValid or FindingCode.CertificateUntrusted
            or FindingCode.CertificateHostMismatch or FindingCode.DownTooLong;

    public static string RequirementFor(FindingCode code) => code switch
    {
        FindingCode.NotHttps or FindingCode.NoHttpsRedirect or FindingCode.TlsHandshakeFailed or FindingCode.TlsProtocolOld
            or FindingCode.CertificateExpired or FindingCode.CertificateNotYetValid or FindingCode.CertificateExpiringSoon
            or FindingCode.CertificateUntrusted or FindingCode.CertificateHostMismatch or FindingCode.HstsMissing => "CH.3.4",
        FindingCode.CspMissing or FindingCode.NoSniffMissing or FindingCode.FrameProtectionMissing or FindingCode.ReferrerPolicyMissing
            or FindingCode.RedirectOffHost => "CH.3.6",
        FindingCode.VersionDisclosed or FindingCode.SoftwareNotRegistered or FindingCode.SoftwareVersionDiffers => "QL.5.2",
        FindingCode.ContentChanged or FindingCode.DefacementPhrase => "CH.4.1",
        _ => "QL.5.6",
    };
}

/// <summary>A product and version a website shows about itself, and where it showed it.</summary>
public sealed record DetectedSoftware(string Product, string? Version, string Source);

public static class WebsiteText
{
    public static string Vietnamese(this SiteHealth health) => health switch
    {
        SiteHealth.Green => "Bình thường",
        SiteHealth.Warning => "Cần khắc phục",
        SiteHealth.Critical => "Nghiêm trọng",
        _ => "Chưa kiểm tra",
    };

    public static string Vietnamese(this FindingSeverity severity) => severity switch
    {
        FindingSeverity.Critical => "Nghiêm trọng",
        FindingSeverity.Warning => "Cảnh báo",
        _ => "Thông tin",
    };

    /// <summary>A few words per kind of finding, for lists.</summary>
    public static string Label(FindingCode code) => code switch
    {
        FindingCode.Unreachable => "Không truy cập được",
        FindingCode.DownTooLong => "Ngừng hoạt động kéo dài",
        FindingCode.ServerError => "Lỗi máy chủ",
        FindingCode.BlockedAddress => "Địa chỉ nội bộ",
        FindingCode.NotHttps => "Không dùng HTTPS",
        FindingCode.NoHttpsRedirect => "Không chuyển sang HTTPS",
        FindingCode.TlsHandshakeFailed => "Lỗi TLS",
        FindingCode.TlsProtocolOld => "TLS cũ",
        FindingCode.CertificateExpired => "Chứng thư số hết hạn",
        FindingCode.CertificateNotYetValid => "Chứng thư số chưa hiệu lực",
        FindingCode.CertificateExpiringSoon => "Chứng thư số sắp hết hạn",
        FindingCode.CertificateUntrusted => "Chứng thư số không tin cậy",
        FindingCode.CertificateHostMismatch => "Chứng thư số sai tên miền",
        FindingCode.HstsMissing => "Thiếu HSTS",
        FindingCode.CspMissing => "Thiếu CSP",
        FindingCode.NoSniffMissing => "Thiếu nosniff",
        FindingCode.FrameProtectionMissing => "Thiếu chống nhúng trang",
        FindingCode.ReferrerPolicyMissing => "Thiếu Referrer-Policy",
        FindingCode.VersionDisclosed => "Lộ phiên bản",
        FindingCode.SoftwareNotRegistered => "Phần mềm chưa đăng ký",
        FindingCode.SoftwareVersionDiffers => "Phiên bản khác đăng ký",
        FindingCode.RedirectOffHost => "Chuyển hướng ra ngoài",
        FindingCode.RedirectLoop => "Chuyển hướng vòng lặp",
        FindingCode.PageTooLarge => "Trang quá lớn",
        FindingCode.NotHtml => "Không phải HTML",
        FindingCode.ContentChanged => "Nội dung thay đổi",
        FindingCode.PageError => "Trang báo lỗi",
        _ => "Cụm từ thay đổi giao diện",
    };

    /// <summary>The task title for a finding: short, names the site.</summary>
    public static string TaskTitle(FindingCode code, string url) => code switch
    {
        FindingCode.CertificateExpired => $"Gia hạn chứng thư số đã hết hạn của {url}",
        FindingCode.CertificateNotYetValid => $"Thay chứng thư số chưa có hiệu lực của {url}",
        FindingCode.CertificateUntrusted => $"Thay chứng thư số không được tin cậy của {url}",
        FindingCode.CertificateHostMismatch => $"Thay chứng thư số không đúng tên miền của {url}",
        FindingCode.CertificateExpiringSoon => $"Gia hạn chứng thư số sắp hết hạn của {url}",
        FindingCode.DownTooLong or FindingCode.Unreachable or FindingCode.ServerError or FindingCode.PageError => $"Khôi phục hoạt động của {url}",
        FindingCode.ContentChanged or FindingCode.DefacementPhrase => $"Xử lý thay đổi giao diện trái phép của {url}",
        FindingCode.VersionDisclosed => $"Ẩn thông tin phiên bản phần mềm của {url}",
        FindingCode.SoftwareNotRegistered or FindingCode.SoftwareVersionDiffers => $"Cập nhật danh mục phần mềm theo {url}",
        FindingCode.NotHttps or FindingCode.NoHttpsRedirect or FindingCode.HstsMissing => $"Bắt buộc HTTPS cho {url}",
        FindingCode.TlsHandshakeFailed or FindingCode.TlsProtocolOld => $"Cấu hình TLS 1.2 trở lên cho {url}",
        _ => $"Bổ sung cấu hình bảo mật cho {url}",
    };
}
