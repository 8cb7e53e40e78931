namespace SecurityPortal.Web.Options;

/// <summary>The <c>Seed</c> configuration section.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    /// <summary>Create the fictional demo province (on in Development only, unless asked).</summary>
    public bool Demo { get; set; }

    /// <summary>Password of every demo account; it is only ever used with <see cref="Demo"/>.</summary>
    public string DemoPassword { get; set; } = "ThuNghiem@2026!";
}
