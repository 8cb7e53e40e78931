namespace SecurityPortal.Web.Options;

/// <summary>The <c>Registry</c> configuration section.</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>A component not patched for longer than this is flagged on its system and in lists.</summary>
    public int MaxDaysSincePatch { get; set; } = 180;
}
