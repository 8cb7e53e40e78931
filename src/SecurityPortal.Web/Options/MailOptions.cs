using System.ComponentModel.DataAnnotations;

namespace SecurityPortal.Web.Options;

/// <summary>The <c>Mail</c> configuration section: how queued e-mail leaves the portal.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    /// <summary><c>Smtp</c> (send through <see cref="Host"/>), <c>Folder</c> (write .eml files to <see cref="PickupFolder"/>,
    /// the Development default) or <c>Off</c> (keep mails queued).</summary>
    public string Mode { get; set; } = "Smtp";

    public string? Host { get; set; }
    [Range(1, 65535, ErrorMessage = "Mail:Port phải là một cổng từ 1 đến 65535.")]
    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (required), <c>SslOnConnect</c>, <c>StartTlsWhenAvailable</c> or <c>None</c> (loopback relays only).</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "securityportal@localhost";
    public string FromName { get; set; } = "SecurityPortal";
    public string PickupFolder { get; set; } = "App_Data/mail";

    /// <summary>The portal's public address, for the links in mails.</summary>
    public string PortalUrl { get; set; } = "http://localhost:5080";

    /// <summary>Run the background sender (tests drive it by hand).</summary>
    public bool SenderEnabled { get; set; } = true;

    [Range(1, 86_400, ErrorMessage = "Mail:PollSeconds phải từ 1 đến 86.400 giây.")]
    public int PollSeconds { get; set; } = 15;
    [Range(1, 1_000, ErrorMessage = "Mail:BatchSize phải từ 1 đến 1.000.")]
    public int BatchSize { get; set; } = 20;
    [Range(10, 86_400, ErrorMessage = "Mail:LeaseSeconds phải từ 10 đến 86.400 giây.")]
    public int LeaseSeconds { get; set; } = 120;
    [Range(1, 600, ErrorMessage = "Mail:TimeoutSeconds phải từ 1 đến 600 giây.")]
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => Mode.Equals("Folder", StringComparison.OrdinalIgnoreCase)
        || (Mode.Equals("Smtp", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(Host));
}
