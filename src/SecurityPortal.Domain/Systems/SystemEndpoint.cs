using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Systems;

/// <summary>A website or endpoint of a system: an absolute http(s) URL, public or internal.</summary>
public sealed class SystemEndpoint : IAggregatePart
{
    public const int UrlMaxLength = 500;

    private SystemEndpoint()
    {
        Url = string.Empty;
    }

    internal SystemEndpoint(Guid systemId, string url, bool isPublic)
    {
        SystemId = systemId;
        Url = url;
        IsPublic = isPublic;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid SystemId { get; private set; }

    Guid IAggregatePart.AggregateId => SystemId;
    public string Url { get; private set; }
    public bool IsPublic { get; set; }

    /// <summary>Accepts only absolute http/https URLs with a host; returns the URL as the user wrote it, trimmed.</summary>
    public static string NormalizeUrl(string? url)
    {
        var text = url?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw new DomainException("Địa chỉ (URL) không được để trống.");
        }

        if (text.Length > UrlMaxLength)
        {
            throw new DomainException($"Địa chỉ (URL) không được dài quá {UrlMaxLength} ký tự.");
        }

        if (!IsValidUrl(text))
        {
            throw new DomainException($"'{text}' không phải là địa chỉ http:// hoặc https:// đầy đủ (ví dụ: https://songlam.gov.vn).");
        }

        return text;
    }

    public static bool IsValidUrl(string? text) =>
        text is not null && text.Trim().Length <= UrlMaxLength
        && Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo);
}
