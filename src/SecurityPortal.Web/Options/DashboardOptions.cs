using System.ComponentModel.DataAnnotations;

namespace SecurityPortal.Web.Options;

/// <summary>The <c>Dashboard</c> configuration section.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>How long computed figures are reused (0: computed on every request). The page says how old they are.</summary>
    [Range(0, 3_600, ErrorMessage = "Dashboard:CacheSeconds phải từ 0 đến 3.600 giây.")]
    public int CacheSeconds { get; set; } = 60;

    /// <summary>Write the daily snapshot in the background (tests drive it by hand).</summary>
    public bool SnapshotEnabled { get; set; } = true;
}
