using System.ComponentModel.DataAnnotations;

namespace SecurityPortal.Web.Options;

/// <summary>The <c>Registry</c> configuration section.</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>A component not patched for longer than this is flagged on its system and in lists.</summary>
    [Range(1, 3_650, ErrorMessage = "Registry:MaxDaysSincePatch phải từ 1 đến 3.650 ngày.")]
    public int MaxDaysSincePatch { get; set; } = 180;
}
