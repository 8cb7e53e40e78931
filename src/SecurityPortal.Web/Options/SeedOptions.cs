namespace SecurityPortal.Web.Options;

/// <summary>The <c>Seed</c> configuration section.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    /// <summary>Create the fictional demo province (on in Development only, unless asked).</summary>
    public bool Demo { get; set; }

    /// <summary>
    /// The demo province (fictional accounts sharing one published password) is refused in Production unless this says
    /// otherwise (ASVS 5.0 V15.2.3): only a throw-away Production portal for a check or a demonstration sets it.
    /// </summary>
    public bool AllowDemoInProduction { get; set; }

    /// <summary>Password of every demo account; it is only ever used with <see cref="Demo"/>.</summary>
    public string DemoPassword { get; set; } = "ThuNghiem@2026!";

    /// <summary>The demo province is asked for in Production without <see cref="AllowDemoInProduction"/>: the start must stop.</summary>
    public bool DemoRefusedIn(string environmentName) =>
        Demo && !AllowDemoInProduction && string.Equals(environmentName, "Production", StringComparison.Ordinal);
}
